/**
 * Where the forwarding engine allocates (a script, not a test): Junction built in this process
 * (`buildApp`, Prometheus metrics on, the pinned benchmark's configuration: one Host router, a
 * two-server service with a sticky cookie configured) in front of the pinned benchmark's two
 * nginx backends, loaded by `wrk -t1 -c50` for `BENCH_DURATION_S` (5) seconds while V8's sampling
 * heap profiler records every allocation, the ones young collections already freed included.
 * Prints bytes allocated per request in total and by allocating function (self), as a markdown
 * table — the garbage that drives scavenges and so the proxy's p99. Needs wrk and nginx.
 * `tsx --conditions=junction-source bench/alloc-profile.ts [rows=25]`.
 */
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import { execFile } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app';
import { createMetrics } from '../src/metrics/metrics';
import { parseStaticOptions } from '../src/options';
import { startNginxBackends } from './pinned-targets';

interface SampleNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly SampleNode[];
}

const DURATION_S = Math.min(Number(process.env.BENCH_DURATION_S ?? 5), 30);
const ROWS = Number(process.argv[2] ?? 25);

const backends = await startNginxBackends(0);
const options = parseStaticOptions(['--entrypoints.web.address=127.0.0.1:0', '--log.level=ERROR'], {});
const app = buildApp({ options, metrics: createMetrics() });
try {
  const raw = {
    http: {
      routers: { bench: { rule: 'Host(`bench.local`)', service: 'pool' } },
      services: { pool: { loadBalancer: { sticky: { cookie: { name: 'bench_sticky' } }, servers: backends.urls.map((url) => ({ url })) } } },
    },
  };
  app.store.apply(mergeConfigs({ file: validateDynamicConfig(raw, { provider: 'file' }).config }));
  const web = app.entryPoints.get('web');
  if (web === undefined) throw new Error('no web entry point');
  await web.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}/`;
  const wrk = (seconds: number): Promise<string> => new Promise((resolve, reject) => {
    // asynchronous: this process keeps serving while wrk runs
    execFile('taskset', ['-c', '0', 'wrk', '-t1', '-c50', `-d${seconds}s`, '-H', 'Host: bench.local', url], (error, out) => (error === null ? resolve(out) : reject(error)));
  });
  await wrk(2); // warm-up: compiled code, pools filled
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const out = await wrk(DURATION_S);
  const { profile } = await session.post('HeapProfiler.stopSampling') as { profile: { head: SampleNode } };
  session.disconnect();
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: SampleNode): void => {
    const { functionName, url: file, lineNumber } = node.callFrame;
    const where = file.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/').replace(/^.*\/packages\//, '');
    const key = `${functionName || '(anonymous)'} ${where === '' ? '' : `${where}:${lineNumber + 1}`}`.trim();
    bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  console.log(`${requests} requests in ${DURATION_S} s: ${(total / requests).toFixed(0)} bytes allocated per request (sampled every 512 bytes)`);
  console.log('| # | bytes/request | % | allocating function |\n|---:|---:|---:|---|');
  [...bySite].sort((a, b) => b[1] - a[1]).slice(0, ROWS).forEach(([key, bytes], i) => {
    console.log(`| ${i + 1} | ${(bytes / requests).toFixed(0)} | ${((100 * bytes) / total).toFixed(1)} | \`${key}\` |`);
  });
} finally {
  await app.close();
  backends.proc.kill('SIGTERM');
}
process.exit(0);
