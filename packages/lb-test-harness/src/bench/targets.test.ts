/**
 * The Node targets the benchmark starts itself — the raw undici dispatch reference (lb-server's,
 * and the harness's fallback) and @fastify/http-proxy — run as real processes in front of two
 * real fixed backends on loopback: each forwards, and balances over the two backends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Child } from '../procs/child';
import { findRepoRoot } from '../procs/node-entry';
import {
  LB_SERVER_REFERENCE,
  nodeRunsTypeScript,
  startFixedBackend,
  startTarget,
  type StartContext,
  type TargetName,
} from './targets';

const children: Child[] = [];
let ctx: StartContext;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lb-bench-targets-'));
  const backends = [await startFixedBackend('t1'), await startFixedBackend('t2')];
  children.push(...backends.map((b) => b.child));
  ctx = { root: findRepoRoot(), dir, backends: backends.map((b) => b.port), binaries: {} };
}, 30_000);

describe('nodeRunsTypeScript', () => {
  it('reads process.features.typescript', () => {
    expect(nodeRunsTypeScript({ typescript: 'strip' })).toBe(true);
    expect(nodeRunsTypeScript({})).toBe(false);
  });
});

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGTERM', 2000)));
  await rm(dir, { recursive: true, force: true });
});

describe.each<{ name: TargetName; own: boolean }>([
  { name: 'reference', own: !nodeRunsTypeScript() },
  { name: 'reference', own: true },
  { name: 'fastify-http-proxy', own: true },
])('$name target (harness script: $own)', ({ name, own }) => {
  it('forwards to both backends in turn, answering what they answer', async () => {
    // A root without lb-server's reference makes the harness fall back to its own script.
    const target = await startTarget(name, own ? { ...ctx, root: dir } : ctx);
    expect(target.note.includes(LB_SERVER_REFERENCE)).toBe(!own);
    if (target.child !== undefined) children.push(target.child);
    expect(target.measuredPid).toBe(target.child?.pid);
    const servers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${target.url}some/path?q=${i}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      servers.push((JSON.parse(await res.text()) as { server: string }).server);
    }
    expect(new Set(servers)).toEqual(new Set(['t1', 't2']));
    expect(servers[0]).not.toBe(servers[1]);
  }, 30_000);
});
