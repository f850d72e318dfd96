import { describe, expect, it } from 'vitest';
import { findScenario, SCENARIOS, withFaults, withServerCount } from './scenarios';
import { DEFAULT_STRATEGY_IDS, findStrategy, STRATEGIES } from './strategies';
import type { ScenarioSpec } from './types';

describe('scenario table', () => {
  it('covers the six scenarios of the issue, with events sorted and naming known servers', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual(['equal', 'weighted', 'slow', 'kill', 'scale-up', 'sessions']);
    for (const s of SCENARIOS) {
      const names = [...s.servers, ...s.added].map((p) => p.name);
      expect(s.events.map((e) => e.at)).toEqual([...s.events.map((e) => e.at)].sort((a, b) => a - b));
      for (const e of s.events) expect(names).toContain(e.server);
    }
  });
  it('applies fault overrides to the servers they name only', () => {
    const slow = withFaults(findScenario('equal') as ScenarioSpec, { delayMs: { s3: 100 }, failRate: { s1: 0.5 } });
    expect(slow.servers.map((s) => [s.name, s.delayMs, s.failRate])).toEqual([
      ['s1', 0, 0.5],
      ['s2', 0, 0],
      ['s3', 100, 0],
    ]);
  });
});

describe('strategy table', () => {
  it('defaults to the lab five, sticky being round-robin with a cookie', () => {
    expect(DEFAULT_STRATEGY_IDS.map((id) => findStrategy(id)?.label)).toEqual([
      'round-robin',
      'smooth weighted',
      'sticky (round-robin)',
      'P2C',
      'consistent hash',
    ]);
    expect(findStrategy('sticky')).toMatchObject({ strategy: 'round-robin', sticky: true });
    expect(findStrategy('nope')).toBeUndefined();
    expect(new Set(STRATEGIES.map((s) => s.id)).size).toBe(STRATEGIES.length);
  });
});

describe('withServerCount', () => {
  it.each([
    { id: 'weighted', n: 2, servers: 's1:5 s2:1', added: '', events: '' },
    { id: 'equal', n: 4, servers: 's1:1 s2:1 s3:1 s4:1', added: '', events: '' },
    { id: 'kill', n: 1, servers: 's1:1', added: '', events: '' },
    { id: 'kill', n: 2, servers: 's1:1 s2:1', added: '', events: 'kill s2, restart s2' },
    { id: 'scale-up', n: 3, servers: 's1:1 s2:1 s3:1', added: 's4:1', events: 'add s4' },
  ])('$id with $n servers', ({ id, n, servers, added, events }) => {
    const s = withServerCount(findScenario(id) as ScenarioSpec, n);
    expect(s.servers.map((p) => `${p.name}:${p.weight}`).join(' ')).toBe(servers);
    expect(s.added.map((p) => `${p.name}:${p.weight}`).join(' ')).toBe(added);
    expect(s.events.map((e) => `${e.kind} ${e.server}`).join(', ')).toBe(events);
  });
});
