/**
 * Where the forwarding engine allocates (a script, not a test): Junction built in this process
 * (`buildApp`, Prometheus metrics on, the pinned benchmark's configuration: one Host router, a
 * two-server service with a sticky cookie configured) in front of the pinned benchmark's two
 * nginx backends, loaded by `wrk -t1 -c50` for `BENCH_DURATION_S` (5) seconds while V8's sampling
 * heap profiler records every allocation, the ones young collections already freed included.
 * Prints bytes allocated per request in total and by allocating function (self), as a markdown
 * table — the garbage that drives scavenges and so the proxy's p99. Needs wrk and nginx.
 * `tsx --conditions=junction-source bench/alloc-profile.ts [rows=25]`.
 *
 * With `BENCH_CPU_PROFILE=<file>`, the same load is CPU-profiled instead (V8's sampling profiler,
 * 100 µs interval, steady state only: no start-up or warm-up frames) and the `.cpuprofile` written
 * there, for `cpu-profile-top.ts`. With `BENCH_ALLOC_CALLERS=<regex>`, the allocations of the
 * functions matching it are also listed by their three callers. `BENCH_TARGET=reference` profiles
 * the raw dispatch reference (`dispatch-reference-server.ts`) instead of Junction: the floor.
 */
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app';
import { createMetrics } from '../src/metrics/metrics';
import { parseStaticOptions } from '../src/options';
import { startReference } from './dispatch-reference-server';
import { startNginxBackends } from './pinned-targets';

interface SampleNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly SampleNode[];
}

const DURATION_S = Math.min(Number(process.env.BENCH_DURATION_S ?? 5), 30);
const ROWS = Number(process.argv[2] ?? 25);

/** Samples allocations under one load of `wrk` and prints them per request (see module comment). */
async function allocationProfile(session: Session, wrk: (seconds: number) => Promise<string>): Promise<void> {
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const out = await wrk(DURATION_S);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SampleNode } };
  session.disconnect();
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const bySite = new Map<string, number>();
  const byCallers = new Map<string, number>();
  const callers =
    process.env.BENCH_ALLOC_CALLERS === undefined ? undefined : new RegExp(process.env.BENCH_ALLOC_CALLERS);
  let total = 0;
  const walk = (node: SampleNode, stack: string[]): void => {
    const { functionName, url: file, lineNumber } = node.callFrame;
    const where = file
      .replace(/^file:\/\//, '')
      .replace(/^.*\/node_modules\//, '~/')
      .replace(/^.*\/packages\//, '');
    const key = `${functionName || '(anonymous)'} ${where === '' ? '' : `${where}:${lineNumber + 1}`}`.trim();
    bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
    total += node.selfSize;
    if (callers?.test(key) === true && node.selfSize > 0) {
      const chain = [key, ...stack.slice(-3).reverse()].join(' ← ');
      byCallers.set(chain, (byCallers.get(chain) ?? 0) + node.selfSize);
    }
    stack.push(key);
    for (const child of node.children) walk(child, stack);
    stack.pop();
  };
  walk(profile.head, []);
  console.log(
    `${requests} requests in ${DURATION_S} s: ${(total / requests).toFixed(0)} bytes allocated per request (sampled every 512 bytes)`,
  );
  const layers = new Map<string, number>();
  for (const [key, bytes] of bySite) {
    const layer = /lb-server\//.test(key)
      ? 'lb-server'
      : /lb-core\//.test(key)
        ? 'lb-core'
        : /~\/(fastify|find-my-way|@fastify)\//.test(key)
          ? 'fastify'
          : /~\/undici\//.test(key)
            ? 'undici'
            : 'node, V8 and the rest';
    layers.set(layer, (layers.get(layer) ?? 0) + bytes);
  }
  console.log(
    `by layer (bytes/request): ${[...layers]
      .sort((x, y) => y[1] - x[1])
      .map(([layer, bytes]) => `${layer} ${(bytes / requests).toFixed(0)}`)
      .join(', ')}`,
  );
  console.log('| # | bytes/request | % | allocating function |\n|---:|---:|---:|---|');
  [...bySite]
    .sort((a, b) => b[1] - a[1])
    .slice(0, ROWS)
    .forEach(([key, bytes], i) => {
      console.log(
        `| ${i + 1} | ${(bytes / requests).toFixed(0)} | ${((100 * bytes) / total).toFixed(1)} | \`${key}\` |`,
      );
    });
  if (callers !== undefined) {
    console.log('\n| bytes/request | allocating function ← callers |\n|---:|---|');
    for (const [chain, bytes] of [...byCallers].sort((a, b) => b[1] - a[1]).slice(0, ROWS))
      console.log(`| ${(bytes / requests).toFixed(0)} | \`${chain}\` |`);
  }
}

const backends = await startNginxBackends(0);
const options = parseStaticOptions(['--entrypoints.web.address=127.0.0.1:0', '--log.level=ERROR'], {});
const app = buildApp({ options, metrics: createMetrics() });
try {
  const raw = {
    http: {
      routers: { bench: { rule: 'Host(`bench.local`)', service: 'pool' } },
      services: {
        pool: {
          loadBalancer: {
            sticky: { cookie: { name: 'bench_sticky' } },
            servers: backends.urls.map((url) => ({ url })),
          },
        },
      },
    },
  };
  app.store.apply(mergeConfigs({ file: validateDynamicConfig(raw, { provider: 'file' }).config }));
  const web = app.entryPoints.get('web');
  if (web === undefined) throw new Error('no web entry point');
  let port: number;
  if (process.env.BENCH_TARGET === 'reference') port = await startReference(0, backends.urls);
  else {
    await web.listen({ host: '127.0.0.1', port: 0 });
    port = (web.server.address() as AddressInfo).port;
  }
  const url = `http://127.0.0.1:${port}/`;
  const wrk = (seconds: number): Promise<string> =>
    new Promise((resolve, reject) => {
      // asynchronous: this process keeps serving while wrk runs
      execFile(
        'taskset',
        ['-c', '0', 'wrk', '-t1', '-c50', `-d${seconds}s`, '-H', 'Host: bench.local', url],
        (error, out) => (error === null ? resolve(out) : reject(error)),
      );
    });
  await wrk(2); // warm-up: compiled code, pools filled
  const session = new Session();
  session.connect();
  const cpuFile = process.env.BENCH_CPU_PROFILE;
  if (cpuFile !== undefined) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const out = await wrk(DURATION_S);
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(cpuFile, JSON.stringify(profile));
    console.log(`${/(\d+) requests in/.exec(out)?.[1]} requests in ${DURATION_S} s; CPU profile written to ${cpuFile}`);
  } else await allocationProfile(session, wrk);
} finally {
  await app.close();
  backends.proc.kill('SIGTERM');
}
process.exit(0);
