import { describe, expect, it } from 'vitest';
import { createRestartPolicy, FIRST_DELAY_MS, MAX_DELAY_MS, STABLE_AFTER_MS } from './backoff';

describe('createRestartPolicy', () => {
  it('doubles the delay with each quick death, up to the ceiling, per worker index', () => {
    let now = 0;
    const policy = createRestartPolicy(() => now);
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      policy.started(0);
      now += 100;
      delays.push(policy.delayAfterExit(0));
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, MAX_DELAY_MS, MAX_DELAY_MS, MAX_DELAY_MS]);
    policy.started(1);
    now += 100;
    expect(policy.delayAfterExit(1)).toBe(FIRST_DELAY_MS);
  });

  it('replaces at once a worker that ran a while, and forgets its earlier quick deaths', () => {
    let now = 0;
    const policy = createRestartPolicy(() => now);
    policy.started(0);
    expect(policy.delayAfterExit(0)).toBe(FIRST_DELAY_MS);
    policy.started(0);
    now += STABLE_AFTER_MS;
    expect(policy.delayAfterExit(0)).toBe(0);
    policy.started(0);
    expect(policy.delayAfterExit(0)).toBe(FIRST_DELAY_MS);
  });
});
