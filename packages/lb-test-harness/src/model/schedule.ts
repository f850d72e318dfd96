/**
 * Scenario scheduling, as pure functions: how far a bounded run has got, which events are due,
 * and the timeline of servers in rotation that each event produces. The real runner and the
 * simulation both call these, so an event fires at the same point of either run.
 */
import type { ScenarioEvent, ScenarioSpec, TimelineEntry } from './types';

/** The two budgets of a bounded run and what has been spent. */
export interface Budget {
  readonly requests: number;
  readonly maxRequests: number;
  readonly elapsedMs: number;
  readonly maxMs: number;
}

/**
 * Progress of a run, 0..1: the larger of the request and time fractions, because the run stops
 * when either budget is spent. A budget ≤ 0 counts as spent.
 */
export function progressOf(b: Budget): number {
  const byRequests = b.maxRequests > 0 ? b.requests / b.maxRequests : 1;
  const byTime = b.maxMs > 0 ? b.elapsedMs / b.maxMs : 1;
  return Math.min(1, Math.max(byRequests, byTime, 0));
}

/** The events due at `progress` that have not fired yet (`fired` = how many already did). */
export function dueEvents(events: readonly ScenarioEvent[], progress: number, fired: number): readonly ScenarioEvent[] {
  let end = fired;
  while (end < events.length && (events[end] as ScenarioEvent).at <= progress) end++;
  return events.slice(fired, end);
}

/** The first timeline entry: the scenario's initial servers at t = 0. */
export function initialEntry(scenario: ScenarioSpec): TimelineEntry {
  return { t: 0, label: 'start', weights: Object.fromEntries(scenario.servers.map((s) => [s.name, s.weight])) };
}

/**
 * The entry after `event` happened at `t`: a kill takes the server out, a restart puts it back
 * with its weight, an add brings in a server of the `added` list. Unknown servers change nothing.
 */
export function applyEvent(
  previous: TimelineEntry,
  event: ScenarioEvent,
  scenario: ScenarioSpec,
  t: number,
): TimelineEntry {
  const weights: Record<string, number> = { ...previous.weights };
  const plan = [...scenario.servers, ...scenario.added].find((s) => s.name === event.server);
  if (event.kind === 'kill') delete weights[event.server];
  else if (plan !== undefined) weights[event.server] = plan.weight;
  return { t, label: `${event.kind} ${event.server}`, weights };
}

/** The timeline produced by firing `events` at the given times, after the initial entry. */
export function buildTimeline(
  scenario: ScenarioSpec,
  fired: readonly { readonly event: ScenarioEvent; readonly t: number }[],
): TimelineEntry[] {
  const entries = [initialEntry(scenario)];
  for (const { event, t } of fired)
    entries.push(applyEvent(entries[entries.length - 1] as TimelineEntry, event, scenario, t));
  return entries;
}

/** The entry in force at time `t` (the last one starting at or before `t`). */
export function entryAt(timeline: readonly TimelineEntry[], t: number): TimelineEntry | undefined {
  let found: TimelineEntry | undefined;
  for (const entry of timeline) {
    if (entry.t > t) break;
    found = entry;
  }
  return found;
}
