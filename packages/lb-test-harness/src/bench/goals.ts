/**
 * Issue #12's goals checked against one benchmark's figures: Junction's throughput, CPU per
 * request, p99 and peak memory against the raw dispatch reference measured in the same run, its
 * throughput against Caddy, idle memory, memory per route, growth across reloads, and the
 * workers scaling. Pure: a goal whose figures are missing is "not measured", never a pass.
 */
import type { RouteMemoryResult } from './route-memory';
import type { TargetSummary } from './summary';
import type { WorkersResult } from './workers-run';

/** One goal and how the run did. */
export interface Goal {
  readonly goal: string;
  readonly measured: string;
  /** `undefined`: not measured. */
  readonly met?: boolean;
}

/** The figures the goals need. */
export interface GoalInput {
  readonly summaries: readonly TargetSummary[];
  /** Junction's idle RSS, MiB (the route-memory run's, else the throughput run's). */
  readonly junctionIdleMiB?: number;
  readonly routeMemory?: RouteMemoryResult;
  readonly workers?: WorkersResult;
}

/** Reloads may wobble this much (allocator noise) and still count as "no growth". */
export const RELOAD_TOLERANCE = 0.05;

const x2 = (n: number): string => `${n.toFixed(2)} ×`;

function ratioGoal(goal: string, value: number | undefined, limit: number, atLeast: boolean): Goal {
  if (value === undefined || !Number.isFinite(value)) return { goal, measured: 'not measured' };
  return { goal, measured: x2(value), met: atLeast ? value >= limit : value <= limit };
}

function heapChange(m: RouteMemoryResult | undefined, reloads: NonNullable<RouteMemoryResult['reloads']>): string {
  const before = m?.points.find((p) => p.routes === reloads.routes)?.heapMiB;
  const after = reloads.heapAfterMiB?.[reloads.heapAfterMiB.length - 1];
  if (before === undefined || after === undefined) return '';
  return ` (V8 heap ${before.toFixed(1)} → ${after.toFixed(1)} MiB)`;
}

/** Every goal, in the order. */
export function evaluateGoals(input: GoalInput): Goal[] {
  const find = (name: string): TargetSummary | undefined => input.summaries.find((s) => s.target === name);
  const j = find('junction');
  const ref = find('reference');
  const caddy = find('caddy');
  const div = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined || b === 0 ? undefined : a / b;
  const goals: Goal[] = [
    ratioGoal('req/s ≥ 0.85 × reference', div(j?.rps.median, ref?.rps.median), 0.85, true),
    ratioGoal('req/s ≥ 1.25 × Caddy', div(j?.rps.median, caddy?.rps.median), 1.25, true),
    ratioGoal('CPU µs/request ≤ 1.2 × reference', div(j?.cpuUsPerReq?.median, ref?.cpuUsPerReq?.median), 1.2, false),
    ratioGoal('p99 ≤ 1.2 × reference', div(j?.p99Ms.median, ref?.p99Ms.median), 1.2, false),
  ];
  const idle = input.junctionIdleMiB;
  goals.push(
    idle === undefined
      ? { goal: 'idle RSS ≤ 70 MiB', measured: 'not measured' }
      : { goal: 'idle RSS ≤ 70 MiB', measured: `${idle.toFixed(0)} MiB`, met: idle <= 70 },
  );
  goals.push(ratioGoal('peak RSS under load ≤ 1.1 × reference', div(j?.peakRssMiB, ref?.peakRssMiB), 1.1, false));
  const points = input.routeMemory?.points.filter((p) => p.kibPerRoute !== undefined) ?? [];
  const largest = points[points.length - 1];
  goals.push(
    largest?.kibPerRoute === undefined
      ? { goal: '≤ 20 KiB per route beyond idle', measured: 'not measured' }
      : {
          goal: '≤ 20 KiB per route beyond idle',
          measured: `${largest.kibPerRoute.toFixed(1)} KiB at ${largest.routes.toLocaleString('en-US')} routes`,
          met: largest.kibPerRoute <= 20,
        },
  );
  const reloads = input.routeMemory?.reloads;
  const last = reloads?.afterMiB[reloads.afterMiB.length - 1];
  goals.push(
    reloads === undefined || last === undefined
      ? { goal: 'no RSS growth across reloads', measured: 'not measured' }
      : {
          goal: 'no RSS growth across reloads',
          measured:
            `${reloads.beforeMiB.toFixed(0)} → ${last.toFixed(0)} MiB after ${reloads.afterMiB.length} rewrites ` +
            `of ${reloads.routes.toLocaleString('en-US')} routes${heapChange(input.routeMemory, reloads)}`,
          met: last <= reloads.beforeMiB * (1 + RELOAD_TOLERANCE),
        },
  );
  const w = input.workers;
  goals.push(
    w === undefined || !w.supported
      ? { goal: '2 workers ≥ 1.4 × 1 worker', measured: w?.reason ?? 'not measured' }
      : ratioGoal('2 workers ≥ 1.4 × 1 worker', w.scaling, 1.4, true),
  );
  return goals;
}
