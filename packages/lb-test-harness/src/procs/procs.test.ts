import { describe, expect, it } from 'vitest';
import { junctionFlags } from './junction';
import { entryArgs, findRepoRoot, JUNCTION_ENTRY } from './node-entry';
import { startChild } from './child';

describe('entryArgs', () => {
  const both = (p: string): boolean => p.endsWith('main.js') || p.endsWith('main.ts');
  const onlySource = (p: string): boolean => p.endsWith('main.ts');
  it.each([
    { prefer: 'auto' as const, exists: both, expected: { from: 'dist', args: ['/r/packages/lb-server/dist/main.js'] } },
    {
      prefer: 'auto' as const,
      exists: onlySource,
      expected: {
        from: 'source',
        args: ['--import', 'tsx', '--conditions=junction-source', '/r/packages/lb-server/src/main.ts'],
      },
    },
    {
      prefer: 'source' as const,
      exists: both,
      expected: {
        from: 'source',
        args: ['--import', 'tsx', '--conditions=junction-source', '/r/packages/lb-server/src/main.ts'],
      },
    },
    { prefer: 'dist' as const, exists: onlySource, expected: undefined },
  ])('$prefer', ({ prefer, exists, expected }) => {
    expect(entryArgs('/r', JUNCTION_ENTRY, prefer, exists)).toEqual(expected);
  });
  it('finds the repository root upwards', () => {
    const exists = (p: string): boolean => p === '/a/nx.json' || p === '/a/packages';
    expect(findRepoRoot('/a/packages/x/src', exists)).toBe('/a');
  });
});

describe('junctionFlags', () => {
  it('is Traefik’s command line on loopback', () => {
    expect(junctionFlags({ dynamicFile: '/tmp/d.yml', webPort: 1, adminPort: 2 })).toEqual([
      '--entrypoints.web.address=127.0.0.1:1',
      '--entrypoints.traefik.address=127.0.0.1:2',
      '--api.insecure',
      '--ping',
      '--metrics.prometheus',
      '--providers.file.filename=/tmp/d.yml',
      '--providers.file.watch=true',
      '--log.level=ERROR',
    ]);
  });
});

describe('startChild', () => {
  it('keeps the output tail and stops the process by PID', async () => {
    const child = startChild({
      name: 'sleeper',
      command: process.execPath,
      args: ['-e', 'console.log("ready"); setInterval(() => {}, 1000)'],
    });
    expect(child.pid).toBeGreaterThan(0);
    while (!child.output().includes('ready')) await new Promise((r) => setTimeout(r, 20));
    await child.stop('SIGTERM');
    expect(child.done).toBe(true);
    expect(await child.exited).toBeNull();
  });
});
