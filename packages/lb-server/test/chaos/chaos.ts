/**
 * The chaos suite (`npx nx run lb-server:chaos`): about a minute of fixed-rate traffic (keep-alive
 * and new-connection GETs, POSTs with a body, sticky clients, a file-provider route) through
 * Junction running the Docker and file providers against a real engine the tests start, while,
 * one after another: replicas are stopped, killed, paused and unpaused and started again; the
 * service is scaled 5 → 2 → 5; the tests' own dockerd is restarted; and Junction is replaced —
 * a new process listens on the same port (`reusePort`) and the old one gets SIGTERM and drains.
 * The file provider's file is rewritten every second all along.
 *
 * Prints a tally per phase and exits 1 when a goal is missed (see `tally.ts`), listing the failed
 * requests. `CHAOS_MIGRATE_REQ=0|1` (default 1) sets `net.ipv4.tcp_migrate_req` for the run (root;
 * restored after). Without an engine it skips with one line; with `CI=true` it fails instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireDockerEngine,
  releaseDockerEngine,
  restartOwnedDaemon,
  type DockerEngine,
} from '../support/docker-engine';
import { cleanupRun, createRun, RUN_LABEL, type DockerRun } from '../support/docker-fixtures';
import { ensureTestImages } from '../support/docker-images';
import { freePort } from '../helpers/ports';
import { runScript } from '../helpers/script-main';
import { startUpstreams, type Upstream } from '../helpers/upstreams';
import { jsonLogLines, pollUntil, ProxyClient, sleep, type Junction } from '../docker/proxy-docker-support';
import { Replicas, rewriteEverySecond, setMigrateReq, startChaosJunction, type FileRewriter } from './stack';
import { judge, type PhaseMark } from './tally';
import { startTraffic, type ClientSpec } from './traffic';

const say = (line: string): void => console.log(`[chaos] ${line}`);
const APP_HOST = 'app.chaos.test';
const FILE_HOST = 'files.chaos.test';
const CLIENTS: readonly ClientSpec[] = [
  ...[1, 2, 3].map((i) => ({ name: `ka${i}`, kind: 'get-keepalive' as const, host: APP_HOST, perSecond: 8 })),
  ...[1, 2].map((i) => ({ name: `new${i}`, kind: 'get-new-conn' as const, host: APP_HOST, perSecond: 6 })),
  { name: 'post-ka', kind: 'post-keepalive', host: APP_HOST, perSecond: 5 },
  { name: 'post-new', kind: 'post-new-conn', host: APP_HOST, perSecond: 5 },
  ...[1, 2, 3, 4].map((i) => ({ name: `sticky${i}`, kind: 'sticky' as const, host: APP_HOST, perSecond: 4 })),
  { name: 'file', kind: 'file-route', host: FILE_HOST, perSecond: 8 },
];

/** New-connection clients sending back to back for {@link BURST_MS} around the old Junction's SIGTERM. */
const BURST_CLIENTS = 16;
const BURST_MS = 1_000;

/** Waits until every replica in `instances` answers on the app host, and the file route answers. */
async function waitRouted(junction: Junction, instances: readonly string[]): Promise<void> {
  await pollUntil(
    `replicas ${instances.join(', ')} and the file route answering`,
    async () => {
      const app = new ProxyClient(junction.web, APP_HOST);
      const files = new ProxyClient(junction.web, FILE_HOST);
      try {
        const seen = new Set<string>();
        for (let i = 0; i < instances.length * 4; i++) seen.add((await app.get()).instance ?? '');
        return instances.every((n) => seen.has(n)) && (await files.get()).status === 200 ? true : undefined;
      } finally {
        await Promise.all([app.close(), files.close()]);
      }
    },
    60_000,
    200,
  );
}

/**
 * For a failure report: Junction's access-log entries that did not answer 200 or took over 1 s,
 * and its own log lines but the routine ones (configuration applied).
 */
function notable(output: string): string[] {
  const lines: string[] = [];
  for (const { line, entry: e } of jsonLogLines(output)) {
    if (e.DownstreamStatus !== undefined) {
      const ms = Number(e.Duration) / 1e6;
      if (e.DownstreamStatus !== 200 || ms > 1_000)
        lines.push(
          `${String(e.StartUTC)} ${String(e.RequestMethod)} ${String(e.RequestHost)} ${ms.toFixed(0)} ms → ${String(e.DownstreamStatus)} (origin ${String(e.OriginStatus)}) via ${String(e.ServiceURL)}, ${String(e.RetryAttempts)} retries`,
        );
    } else if (e.msg !== 'configuration applied') {
      lines.push(line.slice(0, 300));
    }
  }
  return lines;
}

async function main(): Promise<number> {
  const engine: DockerEngine = await acquireDockerEngine();
  if (!engine.available) {
    say(`${process.env.CI === 'true' ? 'FAILED' : 'skipped'}: no Docker engine (${engine.reason})`);
    return process.env.CI === 'true' ? 1 : 0;
  }
  const wantMigrate = process.env.CHAOS_MIGRATE_REQ === '0' ? '0' : '1';
  const migrate = setMigrateReq(wantMigrate);
  // Interrupted (Ctrl-C, a CI timeout): the host's sysctl is put back all the same.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      migrate?.restore();
      process.exit(130);
    });
  }
  say(
    migrate === undefined
      ? 'net.ipv4.tcp_migrate_req cannot be set here (not root, or kernel < 5.14): measuring with the current value'
      : `net.ipv4.tcp_migrate_req=${wantMigrate} for this run (was ${migrate.before}; restored after)`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'junction-chaos-'));
  const file = join(dir, 'dynamic.yml');
  let run: DockerRun | undefined;
  let upstreams: Upstream[] = [];
  let rewriter: FileRewriter | undefined;
  const junctions: Junction[] = [];
  try {
    ensureTestImages();
    run = await createRun(engine.socketPath);
    upstreams = await startUpstreams(2);
    rewriter = rewriteEverySecond(
      file,
      upstreams.map((u) => u.url),
    );
    const replicas = new Replicas(run, `ch${run.id}`, 'app', APP_HOST);
    await Promise.all([1, 2, 3, 4, 5].map((n) => replicas.create(n)));
    const port = await freePort();
    let current = await startChaosJunction(port, run, file, RUN_LABEL);
    junctions.push(current);
    await waitRouted(current, ['1', '2', '3', '4', '5']);
    say(
      `Junction on 127.0.0.1:${port}, 5 replicas routed; ${CLIENTS.length} clients, ${CLIENTS.reduce((n, c) => n + c.perSecond, 0)} requests/s`,
    );

    const traffic = startTraffic({ port, clients: CLIENTS, maxMs: 150_000, query: '?delay=10' });
    const phases: PhaseMark[] = [];
    /** Runs `action` as phase `name`, which lasts at least `minMs`. */
    const phase = async (name: string, minMs: number, action?: () => Promise<unknown>): Promise<void> => {
      const at = traffic.elapsed();
      traffic.phase(name);
      phases.push({ name, at });
      const t0 = performance.now();
      await action?.();
      say(
        `${(at / 1000).toFixed(1)}s ${name}${action === undefined ? '' : ` (took ${(performance.now() - t0).toFixed(0)} ms)`}`,
      );
      const left = minMs - (traffic.elapsed() - at);
      if (left > 0) await sleep(left);
    };
    let shots;
    try {
      await phase('steady', 5_000);
      await phase('docker stop app-1', 5_000, () => replicas.stop(1));
      await phase('docker kill app-2', 5_000, () => replicas.kill(2));
      await phase('docker pause app-3', 4_000, () => replicas.pause(3));
      await phase('docker unpause app-3', 4_000, () => replicas.unpause(3));
      await phase('docker start app-1, app-2', 5_000, () => Promise.all([replicas.start(1), replicas.start(2)]));
      await phase('scale 5 → 2', 5_000, () => Promise.all([3, 4, 5].map((n) => replicas.remove(n))));
      await phase('scale 2 → 5', 6_000, () => Promise.all([3, 4, 5].map((n) => replicas.create(n))));
      if (engine.owned) await phase('dockerd restart', 6_000, () => restartOwnedDaemon(engine));
      else say('dockerd restart skipped: the engine was not started by the tests');
      await phase(
        `replace Junction (tcp_migrate_req=${migrate === undefined ? '?' : wantMigrate})`,
        6_000,
        async () => {
          const next = await startChaosJunction(port, run as DockerRun, file, RUN_LABEL);
          junctions.push(next);
          const old = current;
          current = next;
          // A burst of new connections around the SIGTERM, so some wait in the old listener's
          // accept queue when it closes: reset there unless the kernel migrates them.
          const burstEnd = traffic.elapsed() + BURST_MS;
          for (let i = 0; i < BURST_CLIENTS; i++)
            traffic.add({
              name: `burst${i + 1}`,
              kind: 'get-new-conn',
              host: APP_HOST,
              perSecond: 1_000,
              closedLoop: true,
              untilMs: burstEnd,
            });
          await sleep(BURST_MS / 2);
          await old.stop(15_000);
        },
      );
      await phase('after', 5_000);
    } finally {
      shots = await traffic.stop();
    }
    say(`file provider rewritten ${rewriter.writes()} times`);
    const verdict = judge(shots, phases, say);
    if (verdict.missed.length > 0) {
      junctions.forEach((j, i) => {
        for (const line of notable(j.output()).slice(-40)) say(`  junction ${i + 1} log: ${line}`);
      });
      for (const m of verdict.missed) say(`GOAL MISSED: ${m}`);
      return 1;
    }
    say('all goals met: 0 failed idempotent requests, 0 body requests lost, sticky clients re-pinned at once');
    return 0;
  } finally {
    rewriter?.stop();
    await Promise.all(junctions.map((j) => j.stop(5_000)));
    await Promise.all(upstreams.map((u) => u.close()));
    if (run !== undefined) await cleanupRun(run).catch(() => undefined);
    await releaseDockerEngine(engine);
    migrate?.restore();
    rmSync(dir, { recursive: true, force: true });
  }
}

runScript(main, say);
