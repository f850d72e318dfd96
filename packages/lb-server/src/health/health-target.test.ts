import { describe, expect, it } from 'vitest';
import { combineHealth } from './health-target';

function recorder() {
  const state = new Map<string, boolean>();
  const calls: [string, boolean][] = [];
  return {
    state,
    calls,
    target: { setHealthy: (id: string, up: boolean) => (calls.push([id, up]), state.set(id, up)) },
  };
}

describe('combineHealth', () => {
  it.each([
    { active: undefined, passive: undefined, up: true },
    { active: true, passive: undefined, up: true },
    { active: false, passive: undefined, up: false },
    { active: undefined, passive: false, up: false },
    { active: true, passive: true, up: true },
    { active: true, passive: false, up: false },
    { active: false, passive: true, up: false },
    { active: false, passive: false, up: false },
  ])('active=$active passive=$passive → up=$up', ({ active, passive, up }) => {
    const { state, target } = recorder();
    const health = combineHealth(target);
    if (active !== undefined) health.active.setHealthy('s', active);
    if (passive !== undefined) health.passive.setHealthy('s', passive);
    expect(health.isUp('s')).toBe(up);
    if (active !== undefined || passive !== undefined) expect(state.get('s')).toBe(up);
  });

  it('does not let one side bring back a server the other holds down', () => {
    const { calls, target } = recorder();
    const health = combineHealth(target);
    health.passive.setHealthy('s', false);
    health.active.setHealthy('s', true);
    health.passive.setHealthy('s', true);
    expect(calls).toEqual([
      ['s', false],
      ['s', false],
      ['s', true],
    ]);
  });

  it('resync rewrites every known verdict and forget drops one', () => {
    const { calls, target } = recorder();
    const health = combineHealth(target);
    health.active.setHealthy('a', false);
    health.passive.setHealthy('b', true);
    calls.length = 0;
    health.resync();
    expect(calls).toEqual([
      ['a', false],
      ['b', true],
    ]);
    health.forget('a');
    expect(health.isUp('a')).toBe(true);
    calls.length = 0;
    health.resync();
    expect(calls).toEqual([['b', true]]);
  });
});
