import { describe, expect, it } from 'vitest';
import { findScenario, server } from '../model/scenarios';
import { findStrategy } from '../model/strategies';
import type { ScenarioSpec, StrategyId, StrategySpec } from '../model/types';
import { simulateRun } from './engine';
import { simulateComparison } from './simulate';

const strategy = (id: StrategyId): StrategySpec => findStrategy(id) as StrategySpec;
const scenario = (id: string, patch: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  ...(findScenario(id) as ScenarioSpec),
  ...patch,
});
const servers = (r: { records: readonly { server?: string }[] }): string =>
  r.records.map((x) => x.server ?? '-').join(' ');

describe('simulateRun: exact sequences', () => {
  it('round-robin rotates over equal servers', () => {
    const run = simulateRun(scenario('equal'), strategy('round-robin'), { requests: 6 });
    expect(servers(run)).toBe('s1 s2 s3 s1 s2 s3');
    expect(run.metrics).toMatchObject({ requests: 6, failed: 0, maxDeviation: 0, longestRun: { length: 1 } });
  });
  it('smooth weighted gives 5,1,1 as a a b a c a a; round-robin ignores the weights', () => {
    expect(servers(simulateRun(scenario('weighted'), strategy('weighted'), { requests: 7 }))).toBe(
      's1 s1 s2 s1 s3 s1 s1',
    );
    const rr = simulateRun(scenario('weighted'), strategy('round-robin'), { requests: 700 });
    expect(rr.metrics.shares.map((s) => s.count)).toEqual([234, 233, 233]);
    expect(rr.metrics.maxDeviation).toBeCloseTo((5 / 7 - 234 / 700) * 100, 6);
  });
});

describe('simulateRun: sessions', () => {
  const one = scenario('sessions', { servers: [server('s1'), server('s2')] });
  it('sticky keeps one client on one server and its state', () => {
    const run = simulateRun(one, strategy('sticky'), { requests: 10, clients: 1 });
    expect(new Set(run.records.map((r) => r.server)).size).toBe(1);
    expect(run.metrics).toMatchObject({ stickiness: 1, sessions: 1, sessionsLost: 0 });
  });
  it('round-robin alternates and loses the state from the second request', () => {
    const run = simulateRun(one, strategy('round-robin'), { requests: 4, clients: 1 });
    expect(servers(run)).toBe('s1 s2 s1 s2');
    expect(run.records.map((r) => r.stateLost)).toEqual([false, true, true, true]);
    expect(run.metrics).toMatchObject({ stickiness: 0, sessions: 1, sessionsLost: 1 });
  });
});

describe('simulateRun: changes', () => {
  it('a killed server fails one request, is marked down, and returns after restart and a health check', () => {
    // 1 ms apart, kill at 30 ms, restart at 60 ms, health checks at 3.5, 10.5, … 59.5, 66.5 ms.
    const run = simulateRun(scenario('kill'), strategy('round-robin'), {
      requests: 100,
      rps: 1000,
      healthIntervalMs: 7,
    });
    expect(run.timeline.map((e) => [e.t, e.label])).toEqual([
      [0, 'start'],
      [30, 'kill s2'],
      [60, 'restart s2'],
    ]);
    expect(run.records.filter((r) => !r.ok).map((r) => r.t)).toEqual([31]);
    expect(run.records.filter((r) => r.server === 's2' && r.t > 31 && r.t < 60)).toEqual([]);
    const back = run.records.find((r) => r.server === 's2' && r.t >= 60)?.t;
    expect(back).toBe(68); // s2's first turn after the check at 66.5 ms
    expect(run.metrics.rebalance.map((r) => r.label)).toEqual(['kill s2', 'restart s2']);
    expect(run.metrics.rebalance.every((r) => r.ms !== null)).toBe(true);
  });
  it('scale-up brings the added server into rotation', () => {
    const run = simulateRun(scenario('scale-up'), strategy('round-robin'), { requests: 100, rps: 1000 });
    expect(run.records.filter((r) => r.server === 's3').every((r) => r.t >= 40)).toBe(true);
    expect(run.records.filter((r) => r.server === 's3')).toHaveLength(20);
    expect(run.metrics.rebalance).toEqual([{ label: 'add s3', t: 40, ms: 0 }]);
  });
  it('P2C sends a slow server less than round-robin does', () => {
    const share = (id: StrategyId): number =>
      simulateRun(scenario('slow'), strategy(id), { requests: 3000 }).metrics.shares.find((s) => s.id === 's3')
        ?.share ?? 1;
    expect(share('round-robin')).toBeCloseTo(1 / 3, 2);
    expect(share('p2c')).toBeLessThan(0.25);
  });
  it('consistent hash keeps every client on one server', () => {
    const run = simulateRun(scenario('sessions'), strategy('consistent-hash'), { requests: 600 });
    expect(run.metrics.stickiness).toBe(1);
    expect(run.metrics.sessionsLost).toBe(0);
  });
});

describe('simulateComparison', () => {
  it('runs every pair and is reproducible with a seed', () => {
    const opts = {
      scenarios: [scenario('equal'), scenario('slow')],
      strategies: [strategy('p2c'), strategy('sticky')],
      requests: 300,
      seed: 7,
    };
    const a = simulateComparison(opts);
    const b = simulateComparison(opts);
    expect(a.runs.map((r) => `${r.scenario}/${r.strategy}`)).toEqual([
      'equal/p2c',
      'equal/sticky',
      'slow/p2c',
      'slow/sticky',
    ]);
    expect(a.runs.map((r) => r.metrics)).toEqual(b.runs.map((r) => r.metrics));
    expect(a.settings).toMatchObject({ seed: 7, requestsPerRun: 300 });
  });
});
