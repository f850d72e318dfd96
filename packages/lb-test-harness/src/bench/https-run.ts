/**
 * The HTTPS benchmark: Junction and nginx terminating TLS with the same ECDSA P-256 certificate
 * (made at run time with openssl) in front of the same two fixed backends, each on one worker,
 * pinned like the HTTP run (load generators and backends on one CPU, the proxy alone on the
 * other; the clients may also use any further CPU). Two measurements per target per round, in
 * interleaved rounds: HTTPS keep-alive requests/s (wrk, `--connections` connections, so
 * handshakes are negligible) and new TLS handshakes/s (`openssl s_time -new` clients, a full
 * handshake and one request per connection). CPU µs per request and per handshake come from
 * /proc, as in the HTTP run; the ratios Junction / nginx are taken within the run. Bounded:
 * rounds × targets × 2 × (warm-up + duration) × (1 + disturbedRetries).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Child } from '../procs/child';
import { allowedCpus, onCpu, pinProcess, type CpuPlan } from './cpus';
import { startFixedBackends } from './fixed-backends';
import { startHttpsTarget, type HttpsTarget, type HttpsTargetName } from './https-targets';
import type { LoadResult } from './load-result';
import type { LoadSettings } from './load-settings';
import { cpuBusyTicks, ticksPerSecond } from './proc-stat';
import { runHandshakes } from './s-time';
import { junctionRatios, summarise, type Ratio, type RoundSample, type TargetSummary } from './summary';
import { DISTURBED, quieter, roundOrder } from './throughput';
import { generateBenchCertificate } from './tls-cert';
import { findExecutable, missingMessage } from './tools';
import { measureDuring, rssNow } from './usage';
import { runWrk } from './wrk';

/** Targets of the HTTPS run, in report order. */
export const HTTPS_TARGETS: readonly HttpsTargetName[] = Object.freeze(['nginx', 'junction']);

/** Options of {@link runHttps}. */
export interface HttpsOptions extends Omit<LoadSettings, 'generator'> {
  /** Concurrent `s_time` clients of the handshake run. */
  readonly handshakeClients: number;
  readonly plan: CpuPlan;
  readonly disturbedRetries?: number;
  readonly log: (line: string) => void;
}

/** One measurement kind over the run. */
export interface HttpsSeries {
  readonly samples: readonly RoundSample[];
  readonly summaries: readonly TargetSummary[];
  /** `junction / nginx`, when both ran. */
  readonly ratio?: Ratio;
  /** Highest mean busy share of the clients' CPUs per target (1 = the clients may have been CPU-bound). */
  readonly loadCpuBusy: Readonly<Record<string, number>>;
}

/** What the HTTPS run measured. */
export interface HttpsResult {
  /** Placement, certificate, generators: one paragraph for the report. */
  readonly note: string;
  readonly certificate: string;
  readonly targets: readonly { readonly name: string; readonly note: string; readonly idleRssMiB?: number }[];
  readonly skipped: readonly { readonly target: string; readonly reason: string }[];
  readonly keepAlive?: HttpsSeries;
  readonly handshakes?: HttpsSeries;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Busy ticks summed over `cpus`, or `undefined` when one cannot be read. */
function busyTicks(cpus: readonly number[]): number | undefined {
  let sum = 0;
  for (const cpu of cpus) {
    const ticks = cpuBusyTicks(cpu);
    if (ticks === undefined) return undefined;
    sum += ticks;
  }
  return cpus.length === 0 ? undefined : sum;
}

/** Measures `load` on `target` and the mean busy share of the clients' CPUs meanwhile. */
async function measure(
  target: HttpsTarget,
  plan: CpuPlan,
  clientCpus: readonly number[],
  load: () => Promise<LoadResult>,
): Promise<{ sample: Omit<RoundSample, 'round'>; loadBusy?: number }> {
  const hz = ticksPerSecond();
  const before = busyTicks(clientCpus);
  const started = performance.now();
  const { result, usage } = await measureDuring(target.child.pid, load, plan.proxyCpu);
  const after = busyTicks(clientCpus);
  const elapsed = (performance.now() - started) / 1000;
  const loadBusy =
    before === undefined || after === undefined || elapsed <= 0
      ? undefined
      : Math.min(1, (after - before) / hz / elapsed / clientCpus.length);
  return { sample: { target: target.name, result, usage }, ...(loadBusy === undefined ? {} : { loadBusy }) };
}

function series(samples: RoundSample[], busy: Record<string, number>, names: readonly string[]): HttpsSeries {
  const summaries = summarise(samples, names);
  const ratio = junctionRatios(summaries).find((r) => r.label === 'junction / nginx');
  return { samples, summaries, ...(ratio === undefined ? {} : { ratio }), loadCpuBusy: busy };
}

/** Runs the HTTPS benchmark; a target or a measurement that cannot run is listed in `skipped`. */
export async function runHttps(o: HttpsOptions): Promise<HttpsResult> {
  const skipped: { target: string; reason: string }[] = [];
  const openssl = findExecutable('openssl');
  const wrk = findExecutable('wrk');
  if (openssl === undefined) {
    return {
      note: 'not run',
      certificate: '',
      targets: [],
      skipped: [
        { target: 'https', reason: `${missingMessage('openssl')}: the HTTPS run needs it for its certificate` },
      ],
    };
  }
  if (wrk === undefined)
    skipped.push({ target: 'keep-alive', reason: `${missingMessage('wrk')}: no HTTPS keep-alive figures` });
  const harnessCpus = o.plan.loadCpu === undefined ? undefined : pinProcess(process.pid, [o.plan.loadCpu]);
  const dir = await mkdtemp(join(tmpdir(), 'lb-bench-https-'));
  const children: Child[] = [];
  const running: HttpsTarget[] = [];
  const infos: { name: string; note: string; idleRssMiB?: number }[] = [];
  const keep: RoundSample[] = [];
  const hands: RoundSample[] = [];
  const keepBusy: Record<string, number> = {};
  const handBusy: Record<string, number> = {};
  let certificate = '';
  let backendsNote = '';
  try {
    const cert = await generateBenchCertificate(openssl, dir);
    certificate = cert.description;
    const backends = await startFixedBackends(['t1', 't2'], o.plan.loadCpu, dir, findExecutable('nginx'));
    backendsNote = backends.description;
    children.push(...backends.children);
    const ctx = {
      root: o.root,
      dir,
      backends: backends.ports,
      cert,
      nginx: findExecutable('nginx'),
      prefer: o.prefer,
      proxyCpu: o.plan.proxyCpu,
    };
    for (const name of HTTPS_TARGETS) {
      try {
        const target = await startHttpsTarget(name, ctx);
        running.push(target);
        children.push(target.child);
      } catch (err) {
        const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
        const reason = `${name} (HTTPS) did not start: ${message}`;
        skipped.push({ target: name, reason });
        o.log(reason);
      }
    }
    await pause(500);
    for (const t of running) {
      const idle = rssNow(t.child.pid);
      infos.push({ name: t.name, note: t.note, ...(idle === undefined ? {} : { idleRssMiB: idle }) });
    }
    // The clients get every CPU but the proxy's (only the load CPU on a 2-CPU machine).
    const clientCpus = o.plan.pinned ? allowedCpus().filter((c) => c !== o.plan.proxyCpu) : [];
    const wrap = (command: string, args: readonly string[]): { command: string; args: string[] } =>
      onCpu(clientCpus.length === 0 ? undefined : clientCpus.join(','), command, args);
    const kinds = [
      ...(wrk === undefined
        ? []
        : [
            {
              label: 'keep-alive',
              samples: keep,
              busy: keepBusy,
              unit: 'req/s',
              run: (t: HttpsTarget, s: number) => runWrk(wrk, t.url, s, o.connections, wrap),
            },
          ]),
      {
        label: 'handshakes',
        samples: hands,
        busy: handBusy,
        unit: 'handshakes/s',
        run: (t: HttpsTarget, s: number) => runHandshakes(openssl, t.hostPort, s, o.handshakeClients, wrap),
      },
    ];
    for (let r = 0; r < o.rounds; r++) {
      for (const target of roundOrder(running, r)) {
        for (const kind of kinds) {
          let best: RoundSample | undefined;
          let bestBusy: number | undefined;
          for (let attempt = 0; attempt <= (o.disturbedRetries ?? 0); attempt++) {
            if (o.warmupS > 0) await kind.run(target, o.warmupS);
            const { sample, loadBusy } = await measure(target, o.plan, clientCpus, () => kind.run(target, o.durationS));
            const full: RoundSample = { ...sample, round: r + 1 };
            const cpu =
              full.usage?.cpuUsPerReq === undefined ? '' : `  CPU ${full.usage.cpuUsPerReq.toFixed(1)} µs each`;
            const failure =
              'failure' in full.result && typeof full.result.failure === 'string' ? ` (${full.result.failure})` : '';
            const rate = `${Math.round(full.result.rps).toLocaleString('en-US').padStart(8)} ${kind.unit}`;
            const busy = loadBusy === undefined ? '' : `  load CPU ${Math.round(loadBusy * 100)}%`;
            const errors = full.result.errors > 0 ? `  errors ${full.result.errors}${failure}` : '';
            const what = `${target.name.padEnd(9)} ${kind.label.padEnd(11)}`;
            o.log(`https round ${r + 1}/${o.rounds} ${what} ${rate}${cpu}${busy}${errors}`);
            const kept = quieter(best, full);
            if (kept === full) bestBusy = loadBusy;
            best = kept;
            if ((full.usage?.otherLoad ?? 0) <= DISTURBED) break;
          }
          if (best !== undefined) {
            kind.samples.push(best);
            if (bestBusy !== undefined) kind.busy[target.name] = Math.max(kind.busy[target.name] ?? 0, bestBusy);
          }
        }
      }
    }
  } finally {
    if (harnessCpus !== undefined && harnessCpus.length > 0) pinProcess(process.pid, harnessCpus);
    await Promise.all(children.map((c) => c.stop('SIGTERM', 3000)));
    await rm(dir, { recursive: true, force: true });
  }
  const names = running.map((t) => t.name);
  return {
    note: [
      o.plan.note +
        (o.plan.pinned
          ? `; clients on CPU ${allowedCpus()
              .filter((c) => c !== o.plan.proxyCpu)
              .join(',')}`
          : ''),
      `backends ${backendsNote}`,
      `keep-alive: wrk, 1 thread, ${o.connections} connections`,
      `handshakes: ${o.handshakeClients} × openssl s_time -new (a full handshake and one HTTP/1.0 request per ` +
        'connection, no session resumption)',
    ].join('; '),
    certificate,
    targets: infos,
    skipped,
    ...(keep.length === 0 ? {} : { keepAlive: series(keep, keepBusy, names) }),
    ...(hands.length === 0 ? {} : { handshakes: series(hands, handBusy, names) }),
  };
}
