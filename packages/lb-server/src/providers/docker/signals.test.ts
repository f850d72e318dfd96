import { describe, expect, it } from 'vitest';
import { isTerminatingKill, signalName } from './signals';

/** A client whose containers all have `stopSignal` (getContainer is the only call made). */
function clientWith(stopSignal: string | undefined) {
  return {
    getContainer: () => ({
      inspect: async () => ({ Config: stopSignal === undefined ? {} : { StopSignal: stopSignal } }),
    }),
  } as never;
}

describe('kill signals', () => {
  it.each([
    ['15', 'SIGTERM'],
    ['9', 'SIGKILL'],
    ['SIGWINCH', 'SIGWINCH'],
    ['hup', 'SIGHUP'],
    [undefined, undefined],
  ])('signalName(%s) = %s', (text, expected) => {
    expect(signalName(text)).toBe(expected);
  });

  it.each([
    { signal: '15', stopSignal: undefined, expected: true },
    { signal: '9', stopSignal: undefined, expected: true },
    { signal: '2', stopSignal: undefined, expected: true },
    { signal: '1', stopSignal: undefined, expected: false },
    { signal: '1', stopSignal: 'SIGHUP', expected: true },
    { signal: '28', stopSignal: 'SIGWINCH', expected: true },
    { signal: '10', stopSignal: 'SIGWINCH', expected: false },
  ])('kill $signal with STOPSIGNAL $stopSignal → $expected', async ({ signal, stopSignal, expected }) => {
    expect(await isTerminatingKill(clientWith(stopSignal), 'id', signal)).toBe(expected);
  });
});
