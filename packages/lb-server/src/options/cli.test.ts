import { describe, expect, it } from 'vitest';
import { resolveCli } from './cli';

function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const outcome = resolveCli(argv, env, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, '1.2.3');
  return { outcome, stdout: out.join(''), stderr: err.join('') };
}

describe('resolveCli', () => {
  it('prints help and exits 0', () => {
    const { outcome, stdout, stderr } = run(['--help']);
    expect(outcome).toEqual({ exitCode: 0 });
    expect(stdout).toContain('--providers.docker.exposedByDefault');
    expect(stderr).toBe('');
  });

  it('prints the version and exits 0', () => {
    expect(run(['--version'])).toMatchObject({ outcome: { exitCode: 0 }, stdout: 'junction 1.2.3\n' });
  });

  it('prints every issue on stderr and exits 2', () => {
    const { outcome, stdout, stderr } = run([
      '--entrypoints.web.adress=:80',
      '--providers.providersThrottleDuration=abc',
    ]);
    expect(outcome).toEqual({ exitCode: 2 });
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'junction: unknown option --entrypoints.web.adress (did you mean --entrypoints.web.address?)\n',
    );
    expect(stderr).toContain('junction: --providers.providersThrottleDuration: invalid duration "abc"');
  });

  it('hands back the options otherwise', () => {
    const { outcome } = run(['--api', '--docker']);
    expect('options' in outcome && outcome.options.api?.insecure).toBe(true);
  });
});
