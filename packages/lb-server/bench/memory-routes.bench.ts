/**
 * Memory per configuration (a script, not a test; issue #12 "Memory"): starts the real `lb-server`
 * as a child process with only a file provider and reads its resident memory (`VmRSS` from
 * /proc/<pid>/status) once it has settled:
 *   - idle, with a file of 10 routes;
 *   - with files of N routes (a router with a Host rule and a two-server service each), N = 10,
 *     1,000, 3,000, each in a fresh process → KB per route beyond idle (goal ≤ 20 KB);
 *   - after the 1,000-route file is rewritten 3 times (every router and server changes, so each
 *     rewrite builds a new runtime) → growth over the first load (goal: none).
 * RSS is read 2 s after each load, and settled: after at least 30 s and once it has held still
 * for 5 s (at most 60 s), as V8's memory reducer gives back the young generation a large parse
 * grew some 10–20 s after the last collection. Each figure
 * is also taken after a full GC (a `--expose-gc` preload answering SIGUSR2 on the
 * child's stderr), which tells memory that is still referenced from garbage not yet collected.
 *
 * Runs `dist/main.js` (what users run; `npx nx run lb-server:build` first) or, with `--source`,
 * `src/main.ts` through tsx (tsx itself costs memory). `--main <file.js>` runs another build.
 * BENCH_LB_ARGS adds lb-server options (e.g. `--api.insecure=true --metrics.prometheus=true`).
 * The child runs with the Node flags Junction ships with (`bin/node-flags.mjs`); BENCH_NODE_FLAGS
 * adds more after them (e.g. `--max-semi-space-size=1`); `--semi-space`
 * measures every case with the default young generation and with `--max-semi-space-size=1`.
 * Bounded: every wait has a deadline; about 4 minutes per set of Node flags (7 figures).
 * The child and how it is measured: memory-routes-child.ts.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KB, MB, start, until, type Launch, type Row } from './memory-routes-child';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const mainArg = args.includes('--main') ? args[args.indexOf('--main') + 1] : undefined;
const SOURCE = args.includes('--source');
const MAIN = mainArg ?? join(PACKAGE, 'dist/main.js');
const EXTRA = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
const LB_ARGS = (process.env.BENCH_LB_ARGS ?? '').split(' ').filter((f) => f !== '');
const FLAG_SETS: readonly (readonly string[])[] = args.includes('--semi-space')
  ? [EXTRA, [...EXTRA, '--max-semi-space-size=1']]
  : [EXTRA];
const GOAL_KB_PER_ROUTE = 20;
const LAUNCH: Launch = {
  entry: SOURCE ? ['--conditions=junction-source', '--import', 'tsx', join(PACKAGE, 'src/main.ts')] : [MAIN],
  lbArgs: LB_ARGS,
};

/** The dynamic configuration of `n` routes; `version` changes every host and server. */
function routesFile(n: number, version = 0): string {
  const lines = ['http:', '  routers:'];
  for (let i = 0; i < n; i++)
    lines.push(`    r${i}:`, `      rule: Host(\`r${i}-v${version}.bench.local\`)`, `      service: s${i}`);
  lines.push('  services:');
  for (let i = 0; i < n; i++) {
    const port = 20_000 + ((2 * i + version) % 40_000);
    lines.push(
      `    s${i}:`,
      '      loadBalancer:',
      '        servers:',
      `          - url: http://127.0.0.1:${port}`,
      `          - url: http://127.0.0.2:${port + 1}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function loaded(dir: string, n: number, flags: readonly string[]): Promise<Row> {
  const file = join(dir, `routes-${n}.yml`);
  writeFileSync(file, routesFile(n));
  const child = await start(file, flags, LAUNCH);
  try {
    await until(() => child.applied.find((a) => a.routers === n), `${n} routes to be applied`);
    return { label: `N = ${n}`, ...(await child.memory()) };
  } finally {
    await child.stop();
  }
}

async function rewrites(dir: string, n: number, times: number, flags: readonly string[]): Promise<Row[]> {
  const file = join(dir, 'rewritten.yml');
  writeFileSync(file, routesFile(n, 0));
  const child = await start(file, flags, LAUNCH);
  try {
    await until(() => child.applied.find((a) => a.routers === n), `${n} routes to be applied`);
    const rows: Row[] = [{ label: `N = ${n}, first load`, ...(await child.memory()) }];
    for (let k = 1; k <= times; k++) {
      const seen = child.applied.length;
      writeFileSync(file, routesFile(n, k));
      await until(() => child.applied.slice(seen).find((a) => a.routers === n), `rewrite ${k} to be applied`);
      rows.push({ label: `N = ${n}, after rewrite ${k}`, ...(await child.memory()) });
    }
    return rows;
  } finally {
    await child.stop();
  }
}

const mb = (bytes: number): string => (bytes / MB).toFixed(1).padStart(7);

async function measure(dir: string, flags: readonly string[]): Promise<void> {
  console.log(`\nNode flags: ${flags.length === 0 ? '(none)' : flags.join(' ')}`);
  const rows = [
    await loaded(dir, 10, flags),
    await loaded(dir, 1_000, flags),
    await loaded(dir, 3_000, flags),
    ...(await rewrites(dir, 1_000, 3, flags)),
  ];
  console.log(
    `${'case'.padEnd(28)} ${'RSS at 2 s'.padStart(10)} ${'settled'.padStart(8)} ${'after'.padStart(6)} ${'after GC'.padStart(8)} ${'heap'.padStart(7)}  (MB)`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(28)} ${mb(r.early).padStart(10)} ${mb(r.rss).padStart(8)} ${`${(r.settledMs / 1000).toFixed(0)} s`.padStart(6)} ${mb(r.gcRss).padStart(8)} ${mb(r.heapUsed)}`,
    );
  }
  const [idle, n1k, n3k] = rows as [Row, Row, Row];
  const perRoute = (row: Row, n: number, key: 'early' | 'rss' | 'heapUsed'): string =>
    ((row[key] - idle[key]) / (n - 10) / KB).toFixed(1);
  const line = (n: number, row: Row): string =>
    `${n.toLocaleString('en')} → ${perRoute(row, n, 'rss')} settled (${perRoute(row, n, 'early')} at 2 s, heap ${perRoute(row, n, 'heapUsed')})`;
  console.log(`KB per route beyond idle (N=10): ${line(1_000, n1k)}, ${line(3_000, n3k)}; goal ≤ ${GOAL_KB_PER_ROUTE}`);
  const first = rows[3] as Row;
  const last = rows.at(-1) as Row;
  const growth = (key: 'early' | 'rss' | 'heapUsed'): string => ((last[key] - first[key]) / MB).toFixed(1);
  console.log(
    `after 3 rewrites of 1,000 routes, over the first load: settled RSS ${growth('rss')} MB (${growth('early')} at 2 s), ` +
      `heap ${growth('heapUsed')} MB; goal: no growth`,
  );
  console.log(`idle (N=10, settled): ${(idle.rss / MB).toFixed(1)} MB; goal ≤ 70`);
}

if (!SOURCE && !existsSync(MAIN)) {
  console.error(`${MAIN} is missing: build it (npx nx run lb-server:build) or pass --source`);
  process.exit(2);
}
console.log(
  `memory per route: lb-server ${SOURCE ? 'from source (tsx)' : MAIN}, file provider only${LB_ARGS.length === 0 ? '' : `, ${LB_ARGS.join(' ')}`}, Node ${process.version}`,
);
const dir = mkdtempSync(join(tmpdir(), 'junction-memory-routes-'));
try {
  for (const flags of FLAG_SETS) await measure(dir, flags);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
