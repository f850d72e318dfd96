/**
 * The memory-per-route run: Junction started fresh with a file provider holding N routes (a
 * router with a Host rule and a two-server service each) for each N, its RSS read once the
 * configuration is live and has settled; then, on the largest-but-one N, the file rewritten
 * (every rule changed) several times, reading RSS after each. Each reading is taken twice: as
 * a user would see it, and after a full GC (a `--expose-gc` preload answering SIGUSR2 — what
 * the process retains, which is what "no growth across reloads" is about). Bounded: each start
 * and reload waits at most `timeoutMs`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markerRouter } from '../compare/dynamic-yaml';
import { waitForGeneration, writeAtomically } from '../compare/reload';
import { startJunction } from '../procs/junction';
import type { EntryPreference } from '../procs/node-entry';
import { freePort } from '../procs/ports';
import { startFixedBackend } from './targets';
import { rssNow } from './usage';

/** Options of {@link runRouteMemory}. */
export interface RouteMemoryOptions {
  readonly root: string;
  /** Route counts; 0 (idle: only the marker route) is always measured first. */
  readonly counts: readonly number[];
  /** The route count whose file is rewritten (must be one of `counts`). */
  readonly rewriteCount: number;
  readonly rewrites: number;
  readonly settleMs: number;
  readonly timeoutMs?: number;
  readonly prefer?: EntryPreference;
  readonly log: (line: string) => void;
}

/** A preload that runs a full GC on SIGUSR2 (lb-server does not use that signal). */
export const GC_PRELOAD: readonly string[] = Object.freeze([
  '--expose-gc',
  '--import',
  'data:text/javascript,' +
    'process.on("SIGUSR2",()=>{globalThis.gc?.();globalThis.gc?.();' +
    'process.stderr.write("HARNESS_HEAP "+process.memoryUsage().heapUsed+"\\n")})',
]);

/** The last heap size the preload printed (`HARNESS_HEAP <bytes>`) in `output`, MiB. */
export function lastHeapMiB(output: string): number | undefined {
  const all = [...output.matchAll(/^HARNESS_HEAP (\d+)$/gm)];
  const last = all[all.length - 1];
  return last === undefined ? undefined : Number(last[1]) / 1024 / 1024;
}

/** RSS with N routes. */
export interface RoutePoint {
  readonly routes: number;
  /** RSS after a full GC, MiB: what the figures below are computed from. */
  readonly rssMiB: number;
  /** RSS before the GC, as a user would see it, MiB. */
  readonly rssBeforeGcMiB?: number;
  /** V8 heap in use after the GC, MiB. */
  readonly heapMiB?: number;
  /** (RSS − idle RSS) / routes, KiB; undefined for 0 routes. */
  readonly kibPerRoute?: number;
}

/** What the run measured. */
export interface RouteMemoryResult {
  readonly idleMiB?: number;
  readonly points: readonly RoutePoint[];
  /** The route count rewritten, its RSS (after GC) before, and after each rewrite. */
  readonly reloads?: {
    readonly routes: number;
    readonly beforeMiB: number;
    readonly afterMiB: readonly number[];
    readonly heapAfterMiB?: readonly (number | undefined)[];
  };
  readonly note: string;
}

/**
 * The file: `routes` routers `r<i>` (Host rule naming the generation) and services `s<i>` of two
 * servers, plus the marker.
 */
export function routesYaml(routes: number, backends: readonly number[], generation: number): string {
  const marker = markerRouter(generation);
  const servers = backends.map((p) => `          - url: "http://127.0.0.1:${p}"`).join('\n');
  const lines = ['# lb-test-harness memory per route', 'http:', '  routers:'];
  lines.push(
    `    ${marker}:`,
    `      rule: "Path(\`/__harness/${marker}\`)"`,
    '      service: marker',
    '      entryPoints: ["web"]',
  );
  for (let i = 0; i < routes; i++)
    lines.push(
      `    r${i}:`,
      `      rule: "Host(\`r${i}-g${generation}.bench.test\`)"`,
      `      service: s${i}`,
      '      entryPoints: ["web"]',
    );
  lines.push('  services:', '    marker:', '      loadBalancer:', '        servers:', servers);
  for (let i = 0; i < routes; i++) lines.push(`    s${i}:`, '      loadBalancer:', '        servers:', servers);
  return `${lines.join('\n')}\n`;
}

/** KiB per route beyond idle. */
export function kibPerRoute(rssMiB: number, idleMiB: number, routes: number): number | undefined {
  return routes <= 0 ? undefined : ((rssMiB - idleMiB) * 1024) / routes;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** RSS now, and RSS and heap after asking the child for a full GC. */
/** A progress reading: RSS before and after the full GC, and the heap after it (`?`: not read). */
function memoryReading(before: number | undefined, after: number | undefined, heap: number | undefined): string {
  const f = (v: number | undefined): string => v?.toFixed(1) ?? '?';
  return `RSS ${f(before)} MiB, ${f(after)} MiB after GC (heap ${f(heap)} MiB)`;
}

async function readings(
  child: { pid: number; output(): string },
  settleMs: number,
): Promise<{ before?: number; after?: number; heap?: number }> {
  await pause(settleMs);
  const before = rssNow(child.pid);
  try {
    process.kill(child.pid, 'SIGUSR2');
  } catch {
    return { before };
  }
  await pause(1000);
  return { before, after: rssNow(child.pid), heap: lastHeapMiB(child.output()) };
}

/** Runs the memory-per-route measurements. */
export async function runRouteMemory(o: RouteMemoryOptions): Promise<RouteMemoryResult> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const dir = await mkdtemp(join(tmpdir(), 'lb-bench-routes-'));
  const backends = [await startFixedBackend('m1'), await startFixedBackend('m2')];
  const points: RoutePoint[] = [];
  let reloads: RouteMemoryResult['reloads'];
  let idle: number | undefined;
  try {
    for (const routes of [0, ...o.counts.filter((n) => n > 0)]) {
      const file = join(dir, `routes-${routes}.yml`);
      const writeRoutes = (generation: number): Promise<void> =>
        writeAtomically(
          file,
          routesYaml(
            routes,
            backends.map((b) => b.port),
            generation,
          ),
        );
      let generation = 1;
      await writeRoutes(generation);
      const j = await startJunction({
        root: o.root,
        dynamicFile: file,
        webPort: await freePort(),
        adminPort: await freePort(),
        prefer: o.prefer,
        readyTimeoutMs: timeoutMs,
        nodeArgs: GC_PRELOAD,
      });
      try {
        await waitForGeneration(j.adminUrl, generation, timeoutMs);
        const read = await readings(j.child, o.settleMs);
        const rss = read.after ?? read.before;
        if (rss === undefined) continue;
        if (routes === 0) idle = rss;
        const per = idle === undefined ? undefined : kibPerRoute(rss, idle, routes);
        points.push({
          routes,
          rssMiB: rss,
          ...(read.before === undefined ? {} : { rssBeforeGcMiB: read.before }),
          ...(read.heap === undefined ? {} : { heapMiB: read.heap }),
          ...(per === undefined ? {} : { kibPerRoute: per }),
        });
        const beyond = per === undefined ? '' : `, ${per.toFixed(1)} KiB per route beyond idle`;
        o.log(`routes ${String(routes).padStart(5)}: ${memoryReading(read.before, rss, read.heap)}${beyond}`);
        if (routes !== o.rewriteCount || o.rewrites <= 0) continue;
        const after: number[] = [];
        const heaps: (number | undefined)[] = [];
        for (let k = 0; k < o.rewrites; k++) {
          generation++;
          await writeRoutes(generation);
          await waitForGeneration(j.adminUrl, generation, timeoutMs);
          const again = await readings(j.child, o.settleMs);
          const now = again.after ?? again.before;
          if (now !== undefined) after.push(now);
          heaps.push(again.heap);
          o.log(`routes ${routes}, rewrite ${k + 1}/${o.rewrites}: ${memoryReading(again.before, now, again.heap)}`);
        }
        reloads = { routes, beforeMiB: rss, afterMiB: after, heapAfterMiB: heaps };
      } finally {
        await j.child.stop('SIGTERM', 5000);
      }
    }
  } finally {
    await Promise.all(backends.map((b) => b.child.stop('SIGTERM', 2000)));
    await rm(dir, { recursive: true, force: true });
  }
  return {
    ...(idle === undefined ? {} : { idleMiB: idle }),
    points,
    ...(reloads === undefined ? {} : { reloads }),
    note:
      'a fresh Junction per route count (file provider, metrics and API on); ' +
      `RSS read ${o.settleMs} ms after the file is live, then 1 s after a full GC ` +
      '(--expose-gc preload, SIGUSR2): the figures are after GC',
  };
}
