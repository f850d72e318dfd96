/**
 * Benchmark statistics: per target, the median of the rounds with the min–max range (medians
 * resist one noisy round) for throughput, latency and CPU per request, the peak RSS, and
 * Junction's ratios to every other target.
 */
import type { LoadResult } from './load-result';
import type { Usage } from './usage';

/** One measured round of one target. */
export interface RoundSample {
  readonly target: string;
  readonly round: number;
  /** The measured process (each round starts a fresh one; the backend's for `direct`). */
  readonly pid?: number;
  readonly result: LoadResult;
  /** The target's CPU and memory during the run, when measured. */
  readonly usage?: Usage;
}

/** Median with its range. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** A target's figures over its rounds. */
export interface TargetSummary {
  readonly target: string;
  readonly rounds: number;
  readonly rps: Spread;
  readonly p50Ms: Spread;
  readonly p99Ms: Spread;
  readonly errors: number;
  /** CPU µs per request over the rounds (rounds with a reading only). */
  readonly cpuUsPerReq?: Spread;
  /** Highest RSS seen under load, MiB. */
  readonly peakRssMiB?: number;
  /** Highest share of the target's CPU other processes took in a round (pinned runs only). */
  readonly otherLoad?: number;
}

/** Junction against another target: throughput ratio and p99 latency ratio (medians). */
export interface Ratio {
  readonly label: string;
  /** Junction rps / other rps: below 1 means Junction is slower. */
  readonly rps: number;
  /** Junction p99 / other p99: above 1 means Junction adds tail latency. */
  readonly p99: number;
  /** Junction CPU µs/request / other's: above 1 means Junction costs more CPU per request. */
  readonly cpu: number;
}

/** The median (mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median, min and max. */
export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Summaries per target, in the order of `targets` (targets without samples are left out). */
export function summarise(samples: readonly RoundSample[], targets: readonly string[]): TargetSummary[] {
  return targets.flatMap((target) => {
    const mine = samples.filter((s) => s.target === target).map((s) => s.result);
    if (mine.length === 0) return [];
    const usage = samples.filter((s) => s.target === target).map((s) => s.usage ?? {});
    const cpu = usage.flatMap((u) => (u.cpuUsPerReq === undefined ? [] : [u.cpuUsPerReq]));
    const peaks = usage.flatMap((u) => (u.peakRssMiB === undefined ? [] : [u.peakRssMiB]));
    const others = usage.flatMap((u) => (u.otherLoad === undefined ? [] : [u.otherLoad]));
    return [
      {
        target,
        rounds: mine.length,
        rps: spread(mine.map((r) => r.rps)),
        p50Ms: spread(mine.map((r) => r.p50Ms)),
        p99Ms: spread(mine.map((r) => r.p99Ms)),
        errors: mine.reduce((a, r) => a + r.errors, 0),
        ...(cpu.length === 0 ? {} : { cpuUsPerReq: spread(cpu) }),
        ...(peaks.length === 0 ? {} : { peakRssMiB: Math.max(...peaks) }),
        ...(others.length === 0 ? {} : { otherLoad: Math.max(...others) }),
      },
    ];
  });
}

/** Junction's ratios to every other summarised target, in order. */
export function junctionRatios(summaries: readonly TargetSummary[]): Ratio[] {
  const junction = summaries.find((s) => s.target === 'junction');
  if (junction === undefined) return [];
  return summaries
    .filter((s) => s.target !== 'junction')
    .map((s) => ({
      label: `junction / ${s.target}`,
      rps: junction.rps.median / s.rps.median,
      p99: junction.p99Ms.median / s.p99Ms.median,
      cpu: (junction.cpuUsPerReq?.median ?? Number.NaN) / (s.cpuUsPerReq?.median ?? Number.NaN),
    }));
}
