/**
 * The benchmark's fixed backends, started for real: with nginx (installed by CI's setup; a
 * missing nginx fails the test with the install hint rather than skipping) and without it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedBody, startFixedBackends, type FixedBackends } from './fixed-backends';
import { findExecutable, missingMessage } from './tools';

let running: FixedBackends | undefined;
let dir: string | undefined;

afterEach(async () => {
  await Promise.all(running?.children.map((c) => c.stop('SIGTERM', 3000)) ?? []);
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  running = undefined;
  dir = undefined;
});

async function bodies(backends: FixedBackends): Promise<string[]> {
  return Promise.all(backends.ports.map(async (port) => (await fetch(`http://127.0.0.1:${port}/any/path?x=1`)).text()));
}

describe('fixed backends', () => {
  it('the body is 128 bytes of JSON naming its server', () => {
    const body = fixedBody('b1');
    expect(Buffer.byteLength(body)).toBe(128);
    expect(JSON.parse(body)).toMatchObject({ server: 'b1' });
  });

  it('one nginx answers each name’s body on its own port', async () => {
    const nginx = findExecutable('nginx');
    if (nginx === undefined) throw new Error(missingMessage('nginx'));
    dir = await mkdtemp(join(tmpdir(), 'lb-fixed-backends-'));
    running = await startFixedBackends(['b1', 'b2'], undefined, dir, nginx);
    expect(running.children).toHaveLength(1);
    expect(running.description).toMatch(/nginx/);
    expect(await bodies(running)).toEqual([fixedBody('b1'), fixedBody('b2')]);
  });

  it('without nginx, Node servers answer the same bodies', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lb-fixed-backends-'));
    running = await startFixedBackends(['b1', 'b2'], undefined, dir, undefined);
    expect(running.children).toHaveLength(2);
    expect(await bodies(running)).toEqual([fixedBody('b1'), fixedBody('b2')]);
  });
});
