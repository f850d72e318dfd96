import { describe, expect, it } from 'vitest';
import { findScenario } from './scenarios';
import { applyEvent, buildTimeline, dueEvents, entryAt, initialEntry, progressOf } from './schedule';
import type { ScenarioEvent, ScenarioSpec } from './types';

const kill = findScenario('kill') as ScenarioSpec;
const scaleUp = findScenario('scale-up') as ScenarioSpec;

describe('progressOf', () => {
  it.each([
    { desc: 'requests lead', b: { requests: 50, maxRequests: 100, elapsedMs: 1000, maxMs: 10_000 }, expected: 0.5 },
    { desc: 'time leads', b: { requests: 10, maxRequests: 100, elapsedMs: 8000, maxMs: 10_000 }, expected: 0.8 },
    { desc: 'caps at 1', b: { requests: 500, maxRequests: 100, elapsedMs: 0, maxMs: 10_000 }, expected: 1 },
    { desc: 'zero budget is spent', b: { requests: 0, maxRequests: 0, elapsedMs: 0, maxMs: 10 }, expected: 1 },
  ])('$desc → $expected', ({ b, expected }) => {
    expect(progressOf(b)).toBe(expected);
  });
});

describe('dueEvents', () => {
  const events = kill.events;
  it.each([
    { progress: 0.1, fired: 0, expected: [] },
    { progress: 0.3, fired: 0, expected: ['kill s2'] },
    { progress: 0.7, fired: 0, expected: ['kill s2', 'restart s2'] },
    { progress: 0.7, fired: 1, expected: ['restart s2'] },
    { progress: 1, fired: 2, expected: [] },
  ])('at $progress with $fired fired → $expected', ({ progress, fired, expected }) => {
    expect(dueEvents(events, progress, fired).map((e) => `${e.kind} ${e.server}`)).toEqual(expected);
  });
});

describe('timeline', () => {
  it('starts with the initial servers and weights', () => {
    expect(initialEntry(findScenario('weighted') as ScenarioSpec)).toEqual({
      t: 0,
      label: 'start',
      weights: { s1: 5, s2: 1, s3: 1 },
    });
  });
  it('takes a killed server out and puts it back on restart', () => {
    const [k, r] = kill.events as [ScenarioEvent, ScenarioEvent];
    const timeline = buildTimeline(kill, [
      { event: k, t: 300 },
      { event: r, t: 600 },
    ]);
    expect(timeline).toEqual([
      { t: 0, label: 'start', weights: { s1: 1, s2: 1, s3: 1 } },
      { t: 300, label: 'kill s2', weights: { s1: 1, s3: 1 } },
      { t: 600, label: 'restart s2', weights: { s1: 1, s3: 1, s2: 1 } },
    ]);
    expect(entryAt(timeline, 299)?.label).toBe('start');
    expect(entryAt(timeline, 300)?.label).toBe('kill s2');
    expect(entryAt(timeline, 10_000)?.label).toBe('restart s2');
  });
  it('adds a server from the added list; unknown servers change nothing', () => {
    const start = initialEntry(scaleUp);
    expect(applyEvent(start, { at: 0.4, kind: 'add', server: 's3' }, scaleUp, 40).weights).toEqual({
      s1: 1,
      s2: 1,
      s3: 1,
    });
    expect(applyEvent(start, { at: 0.4, kind: 'add', server: 'nope' }, scaleUp, 40).weights).toEqual({ s1: 1, s2: 1 });
  });
});
