import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SHUTDOWN_TIMEOUT_MS, readOptions } from './options';

// Mirrors static-site's options.test.ts (same variables, same checks): the demo apps share no code.
describe('readOptions', () => {
  it('applies defaults to an empty environment and freezes the result', () => {
    const options = readOptions({});
    expect(options).toEqual({
      port: DEFAULT_PORT,
      host: DEFAULT_HOST,
      delayMs: 0,
      failRate: 0,
      shutdownTimeoutMs: DEFAULT_SHUTDOWN_TIMEOUT_MS,
    });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it.each([
    { desc: 'port', env: { PORT: '8081' }, key: 'port', expected: 8081 },
    { desc: 'port 0 (ephemeral)', env: { PORT: '0' }, key: 'port', expected: 0 },
    { desc: 'empty port means default', env: { PORT: '' }, key: 'port', expected: DEFAULT_PORT },
    { desc: 'host', env: { HOST: '127.0.0.1' }, key: 'host', expected: '127.0.0.1' },
    { desc: 'delay', env: { JOKES_DELAY_MS: '250' }, key: 'delayMs', expected: 250 },
    { desc: 'fail rate', env: { JOKES_FAIL_RATE: '0.25' }, key: 'failRate', expected: 0.25 },
    { desc: 'fail rate 1', env: { JOKES_FAIL_RATE: '1' }, key: 'failRate', expected: 1 },
    { desc: 'fail rate .5', env: { JOKES_FAIL_RATE: '.5' }, key: 'failRate', expected: 0.5 },
    { desc: 'shutdown timeout', env: { SHUTDOWN_TIMEOUT_MS: '100' }, key: 'shutdownTimeoutMs', expected: 100 },
  ] as const)('reads $desc', ({ env, key, expected }) => {
    expect(readOptions(env)[key]).toBe(expected);
  });

  it.each([
    { env: { PORT: '65536' }, name: 'PORT' },
    { env: { PORT: 'http' }, name: 'PORT' },
    { env: { PORT: '-1' }, name: 'PORT' },
    { env: { JOKES_DELAY_MS: '1.5' }, name: 'JOKES_DELAY_MS' },
    { env: { JOKES_FAIL_RATE: '1.01' }, name: 'JOKES_FAIL_RATE' },
    { env: { JOKES_FAIL_RATE: '-0.1' }, name: 'JOKES_FAIL_RATE' },
    { env: { JOKES_FAIL_RATE: 'half' }, name: 'JOKES_FAIL_RATE' },
    { env: { SHUTDOWN_TIMEOUT_MS: '0' }, name: 'SHUTDOWN_TIMEOUT_MS' },
  ])('rejects $env with JOKES_BAD_ENV naming $name', ({ env, name }) => {
    expect(() => readOptions(env)).toThrow(
      expect.objectContaining({ code: 'JOKES_BAD_ENV', message: expect.stringContaining(name) }),
    );
  });
});
