/**
 * The chaos suite's judgement: a tally per phase (requests, ok, retried, failed by kind, latency
 * p50/p99, sticky re-pins) and the goals —
 *   - no idempotent request (GET, sticky GET, file route) fails: every one ends in a 200;
 *   - no request with a body is lost: it ends in an answer (a 5xx answer is allowed), never in a
 *     reset or a timeout without one;
 *   - a sticky client whose server goes is re-pinned by its next request: that request is
 *     answered 200 by another server with a new cookie, and a sticky client never changes
 *     server without one.
 * Failed requests are listed with their time and the phase they started in.
 */
import type { Shot } from './traffic';

/** A phase as the run marked it: name and start (ms since the load started). */
export interface PhaseMark {
  readonly name: string;
  readonly at: number;
}

/** Why a request missed a goal, or undefined when it did not. */
function missOf(shot: Shot): string | undefined {
  const post = shot.kind === 'post-keepalive' || shot.kind === 'post-new-conn';
  if (shot.error !== undefined) return post ? `body request lost: ${shot.error}` : `failed: ${shot.error}`;
  if (shot.status === 200) return undefined;
  if (post && shot.status !== undefined && shot.status >= 500) return undefined; // answered: allowed
  return `HTTP ${shot.status}`;
}

/** Sticky requests that changed server without a new cookie. */
function unpinnedMoves(shots: readonly Shot[]): Shot[] {
  const last = new Map<string, string>();
  const moves: Shot[] = [];
  for (const shot of shots) {
    if (shot.kind !== 'sticky' || shot.who === undefined) continue;
    const previous = last.get(shot.client);
    if (previous !== undefined && previous !== shot.who && shot.setCookie !== true) moves.push(shot);
    last.set(shot.client, shot.who);
  }
  return moves;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function counts(values: readonly string[]): string {
  const map = new Map<string, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return [...map].map(([k, n]) => `${k}×${n}`).join(', ');
}

/** Outcome of {@link judge}. */
export interface Verdict {
  readonly missed: readonly string[];
}

/** Prints the tally per phase and the goals; returns the goals missed. */
export function judge(shots: readonly Shot[], phases: readonly PhaseMark[], print: (line: string) => void): Verdict {
  const moves = new Set(unpinnedMoves(shots));
  const names = [...new Set([...phases.map((p) => p.name), ...shots.map((s) => s.phase)])];
  const startOf = new Map(phases.map((p) => [p.name, p.at]));
  print(
    'phase                                   starts   reqs     ok  retried  5xx(body)  p50 ms  p99 ms  max ms  re-pins  failed',
  );
  for (const name of names) {
    const inPhase = shots.filter((s) => s.phase === name);
    if (inPhase.length === 0) continue;
    const latencies = inPhase.map((s) => s.latencyMs).sort((a, b) => a - b);
    const misses = inPhase.map(missOf).filter((m): m is string => m !== undefined);
    const answered5xx = inPhase.filter((s) => s.kind.startsWith('post') && (s.status ?? 0) >= 500).length;
    const repins = inPhase.filter((s) => s.kind === 'sticky' && s.setCookie === true).length;
    const unpinned = inPhase.filter((s) => moves.has(s)).length;
    const failedText = [counts(misses), unpinned > 0 ? `moved without cookie×${unpinned}` : '']
      .filter((t) => t !== '')
      .join(', ');
    print(
      `${name.padEnd(38).slice(0, 38)} ${((startOf.get(name) ?? 0) / 1000).toFixed(1).padStart(6)}s ${String(inPhase.length).padStart(6)} ${String(inPhase.filter((s) => s.status === 200).length).padStart(6)} ${String(inPhase.filter((s) => s.retried).length).padStart(8)} ${String(answered5xx).padStart(10)} ${percentile(latencies, 50).toFixed(0).padStart(7)} ${percentile(latencies, 99).toFixed(0).padStart(7)} ${(latencies.at(-1) ?? 0).toFixed(0).padStart(7)} ${String(repins).padStart(8)}  ${failedText === '' ? '0' : failedText}`,
    );
  }
  const all = shots.map((s) => s.latencyMs).sort((a, b) => a - b);
  print(
    `total: ${shots.length} requests, ${shots.filter((s) => s.status === 200).length} ok, ${shots.filter((s) => s.retried).length} retried on a reused connection, p50 ${percentile(all, 50).toFixed(0)} ms, p99 ${percentile(all, 99).toFixed(0)} ms; per client kind: ${counts(shots.map((s) => s.kind))}`,
  );

  const missed: string[] = [];
  const failedGets = shots.filter((s) => !s.kind.startsWith('post') && missOf(s) !== undefined);
  const lostBodies = shots.filter((s) => s.kind.startsWith('post') && missOf(s) !== undefined);
  if (failedGets.length > 0) missed.push(`${failedGets.length} idempotent request(s) failed (goal: 0)`);
  if (lostBodies.length > 0)
    missed.push(`${lostBodies.length} request(s) with a body got no answer or a non-5xx error (goal: 0)`);
  if (moves.size > 0)
    missed.push(`${moves.size} sticky request(s) changed server without a new cookie (goal: re-pinned with a cookie)`);
  const bad = shots.filter((s) => missOf(s) !== undefined || moves.has(s));
  if (bad.length > 0) {
    print(`failed requests (${bad.length}; at most 60 shown), time since the load started:`);
    for (const s of bad.slice(0, 60)) {
      print(
        `  ${(s.at / 1000).toFixed(3)}s  [${s.phase}]  ${s.client} (${s.kind}): ${missOf(s) ?? `moved to ${s.who} without a new cookie`} after ${s.latencyMs.toFixed(0)} ms${s.retried ? ' (retried on reused connections)' : ''}`,
      );
    }
  }
  return { missed };
}
