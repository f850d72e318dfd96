/**
 * The soak test (`npx nx run lb-server:soak`; `SOAK_SECONDS`, default 300 — CI runs 60): moderate
 * mixed load (keep-alive GETs, new connections, 256 KiB uploads, WebSocket sessions) through a
 * Junction child process (started and measured by soak-child.ts) to loopback upstreams, no
 * Docker. The child is measured from outside —
 * RSS from `/proc/<pid>/status`, open sockets from `/proc/<pid>/fd` — and from inside by a
 * preloaded probe (`probe.ts`: active handles and timers by type, after a full GC).
 *
 * Idle figures are taken after a warm-up (load stopped, connections closed, upstream keep-alive
 * expired) and again after the soak. Goals: the RSS's anonymous part (`RssAnon`: heaps, allocator
 * arenas — where a leak shows) grows < 10 % from the first to the second (its file-backed part,
 * pages of the 100 MB node binary read in as more of its code runs, is printed, not judged);
 * sockets and active resources of every type are back to their idle counts; no request failed.
 * Prints figures and exits 1 when a goal is missed. Then, not judged, the figures after a
 * memory-reducing GC (what V8 keeps pooled for reuse, counted in RSS, not in its heap statistics).
 * To look into growth: `SOAK_MIX` (e.g. `keepAlive:60,upload:4`), `SOAK_NODE_FLAGS` (extra flags
 * for the child, after the Node flags Junction ships with, `bin/node-flags.mjs`), `SOAK_NO_RECLAIM=1` (no forced young-generation GCs), `SOAK_IDLE_AFTER_SECONDS`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { runScript } from '../helpers/script-main';
import { startUpstream, type Upstream } from '../helpers/upstreams';
import { describeSample, probe, settled, startChild, statusKiB } from './soak-child';
import { runLoad, type LoadMix } from './soak-load';

const say = (line: string): void => console.log(`[soak] ${line}`);
const SOAK_MS = Number(process.env.SOAK_SECONDS ?? 300) * 1000;
/** 20 s: the old generation settles into its steady size in about that (CI's 60 s soak included). */
const WARMUP_MS = 20_000;
const MIX: LoadMix = parseMix(process.env.SOAK_MIX);
/** Extra node flags for the Junction child (`SOAK_NODE_FLAGS`, space-separated), e.g. V8 flags to try. */
const NODE_FLAGS = (process.env.SOAK_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
/**
 * The load mix: the default, or `SOAK_MIX` such as `keepAlive:60,upload:4` (kinds left out send
 * nothing) to find which kind of traffic makes memory grow.
 */
function parseMix(text: string | undefined): LoadMix {
  if (text === undefined || text === '') return { keepAlive: 60, newConnection: 15, upload: 4, webSocket: 3 };
  const mix: Record<keyof LoadMix, number> = { keepAlive: 0, newConnection: 0, upload: 0, webSocket: 0 };
  for (const part of text.split(',')) {
    const [kind = '', rate] = part.split(':');
    if (!(kind in mix) || !(Number(rate) >= 0))
      throw new Error(`SOAK_MIX: "${part}" is not <${Object.keys(mix).join('|')}>:<per second>`);
    mix[kind as keyof LoadMix] = Number(rate);
  }
  return mix;
}
/** `SOAK_IDLE_AFTER_SECONDS`: after judging, keep the child idle this long and print its anonymous RSS. */
const IDLE_AFTER_MS = Number(process.env.SOAK_IDLE_AFTER_SECONDS ?? 0) * 1000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'junction-soak-'));
  const upstreams: Upstream[] = [];
  let child: ChildProcess | undefined;
  try {
    for (const id of ['s1', 's2']) {
      const upstream = await startUpstream(id, (req, res, name) => {
        let bytes = 0;
        req.on('data', (chunk: Buffer) => (bytes += chunk.length));
        req.on('end', () => res.setHeader('content-type', 'application/json').end(JSON.stringify({ id: name, bytes })));
      });
      const wss = new WebSocketServer({ server: upstream.server });
      wss.on('connection', (ws) => ws.on('message', (data) => ws.send(String(data))));
      upstreams.push(upstream);
    }
    const file = join(dir, 'dynamic.yml');
    writeFileSync(
      file,
      `http:\n  routers:\n    soak: { rule: "PathPrefix(\`/\`)", service: soak }\n  services:\n    soak:\n      loadBalancer:\n        servers:\n${upstreams.map((u) => `          - url: ${u.url}\n`).join('')}`,
    );
    const started = await startChild(file, NODE_FLAGS);
    child = started.child;
    const pid = child.pid ?? 0;
    const fresh = await settled(child);
    say(`Junction pid ${pid} on 127.0.0.1:${started.port}, before any load: ${describeSample(fresh)}`);
    say(`mix per second: ${JSON.stringify(MIX)}; warm-up ${WARMUP_MS / 1000} s, soak ${SOAK_MS / 1000} s`);

    const warm = await runLoad(started.port, MIX, WARMUP_MS);
    const idle = await settled(child);
    say(`after warm-up (idle): ${describeSample(idle)}`);

    const samples: string[] = [];
    const sampler = setInterval(
      () =>
        samples.push(`${(statusKiB(pid, 'VmRSS') / 1024).toFixed(0)}/${(statusKiB(pid, 'RssAnon') / 1024).toFixed(0)}`),
      5_000,
    );
    const soak = await runLoad(started.port, MIX, SOAK_MS);
    clearInterval(sampler);
    const end = await settled(child);
    say(`after the soak (idle): ${describeSample(end)}`);
    say(`RSS/anonymous during the soak (MiB, every 5 s): ${samples.join(' ')}`);
    for (const [name, run] of [
      ['warm-up', warm],
      ['soak', soak],
    ] as const) {
      say(
        `${name}: ok ${JSON.stringify(run.ok)}; failed ${JSON.stringify(run.failed)}; not sent (32 already in flight) ${JSON.stringify(run.skipped)}`,
      );
    }

    const missed: string[] = [];
    const pct = (from: number, to: number): string => `${(((to - from) / from) * 100).toFixed(1)} %`;
    const growth = (end.anonKiB - idle.anonKiB) / idle.anonKiB;
    say(
      `growth after warm-up: RSS ${pct(idle.rssKiB, end.rssKiB)}, of which anonymous ${pct(idle.anonKiB, end.anonKiB)} (goal < 10 %) and file-backed ${pct(idle.fileKiB, end.fileKiB)}; heap used ${idle.heapUsedMiB.toFixed(1)} → ${end.heapUsedMiB.toFixed(1)} MiB`,
    );
    if (growth >= 0.1) missed.push(`anonymous RSS grew ${pct(idle.anonKiB, end.anonKiB)} (goal < 10 %)`);
    if (end.sockets > idle.sockets)
      missed.push(
        `${end.sockets - idle.sockets} socket(s) more than idle after warm-up (${idle.sockets} → ${end.sockets})`,
      );
    for (const [type, n] of Object.entries(end.resources)) {
      const before = idle.resources[type] ?? 0;
      if (n > before) missed.push(`active ${type}: ${before} → ${n} (leaked)`);
    }
    const failures =
      Object.values(soak.failed).reduce((a, b) => a + b, 0) + Object.values(warm.failed).reduce((a, b) => a + b, 0);
    if (failures > 0) missed.push(`${failures} request(s) failed`);
    for (const m of missed) say(`GOAL MISSED: ${m}`);
    // Not judged: what V8 keeps for reuse (pooled pages, free heap pages) and gives back when asked to reduce memory.
    say(`after a memory-reducing GC (not judged): ${describeSample(await probe(child, 'probe after release'))}`);
    if (IDLE_AFTER_MS > 0) {
      // Not judged: whether the runtime hands memory back by itself once idle (V8's memory reducer).
      const tail: string[] = [];
      for (let t = 0; t < IDLE_AFTER_MS; t += 5_000) {
        await sleep(5_000);
        tail.push(`${(statusKiB(pid, 'RssAnon') / 1024).toFixed(0)}`);
      }
      say(`anonymous RSS while idle after the soak (MiB, every 5 s, not judged): ${tail.join(' ')}`);
    }
    if (missed.length > 0) say(`Junction's last output:\n${started.output().slice(-3_000)}`);
    else say('all goals met: anonymous RSS growth < 10 %, sockets and timers back to idle, no request failed');
    return missed.length > 0 ? 1 : 0;
  } finally {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await Promise.all(upstreams.map((u) => u.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

runScript(main, say);
