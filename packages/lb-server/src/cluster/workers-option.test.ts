import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseStaticOptions } from '../options';

const message = (argv: string[]): string => {
  try {
    parseStaticOptions(argv, {});
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('--workers', () => {
  it.each([
    { argv: [], workers: 1 },
    { argv: ['--workers=3'], workers: 3 },
    { argv: ['--workers=auto'], workers: availableParallelism() },
    { argv: ['--workers', 'AUTO'], workers: availableParallelism() },
  ])('$argv → $workers', ({ argv, workers }) => {
    expect(parseStaticOptions(argv, {}).workers).toBe(workers);
  });

  it('reads TRAEFIK_WORKERS from the environment', () => {
    expect(parseStaticOptions([], { TRAEFIK_WORKERS: '2' }).workers).toBe(2);
  });

  it.each(['0', '-1', '1.5', 'many', ''])('refuses %j, naming the option', (value) => {
    expect(message([`--workers=${value}`])).toMatch(/--workers: expected a positive integer or "auto"/);
  });

  it('refuses a reusePort entry point on port 0 with several workers, not with one', () => {
    expect(message(['--workers=2', '--entrypoints.web.address=:0', '--entrypoints.web.reusePort'])).toMatch(
      /entrypoints\.web\.reusePort: with --workers/i,
    );
    expect(message(['--entrypoints.web.address=:0', '--entrypoints.web.reusePort'])).toBe('');
  });
});
