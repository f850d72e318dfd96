import { describe, expect, it } from 'vitest';
import { healthFromStatus } from './health';

describe('healthFromStatus', () => {
  it.each([
    { status: 'Up 3 seconds', expected: 'none' },
    { status: 'Up 3 seconds (health: starting)', expected: 'starting' },
    { status: 'Up 2 minutes (healthy)', expected: 'healthy' },
    { status: 'Up 2 minutes (unhealthy)', expected: 'unhealthy' },
    { status: 'Up 2 minutes (Paused)', expected: 'none' },
    { status: undefined, expected: 'none' },
  ])('$status → $expected', ({ status, expected }) => {
    expect(healthFromStatus(status)).toBe(expected);
  });
});
