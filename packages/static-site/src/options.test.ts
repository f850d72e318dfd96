import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SHUTDOWN_TIMEOUT_MS, readOptions } from './options';

describe('readOptions', () => {
  it('applies defaults to an empty environment and freezes the result', () => {
    const options = readOptions({});
    expect(options).toEqual({
      port: DEFAULT_PORT,
      host: DEFAULT_HOST,
      nodeName: expect.stringMatching(/-[0-9a-f]{4}$/),
      shutdownTimeoutMs: DEFAULT_SHUTDOWN_TIMEOUT_MS,
    });
    expect(options.nodeName.startsWith(`${hostname()}-`)).toBe(true);
    expect(Object.isFrozen(options)).toBe(true);
  });

  it.each([
    { desc: 'port', env: { PORT: '9000' }, key: 'port', expected: 9000 },
    { desc: 'empty port means default', env: { PORT: ' ' }, key: 'port', expected: DEFAULT_PORT },
    { desc: 'host', env: { HOST: '::1' }, key: 'host', expected: '::1' },
    { desc: 'node name', env: { NODE_NAME: 'static-2' }, key: 'nodeName', expected: 'static-2' },
    { desc: 'node name with inner space', env: { NODE_NAME: ' web node 3 ' }, key: 'nodeName', expected: 'web node 3' },
    { desc: 'shutdown timeout', env: { SHUTDOWN_TIMEOUT_MS: '250' }, key: 'shutdownTimeoutMs', expected: 250 },
  ] as const)('reads $desc', ({ env, key, expected }) => {
    expect(readOptions(env)[key]).toBe(expected);
  });

  it.each([
    { env: { PORT: '70000' }, name: 'PORT' },
    { env: { PORT: '80a' }, name: 'PORT' },
    { env: { NODE_NAME: 'caf\u00e9' }, name: 'NODE_NAME' },
    { env: { NODE_NAME: 'a\r\nSet-Cookie: x=1' }, name: 'NODE_NAME' },
    { env: { NODE_NAME: 'n'.repeat(129) }, name: 'NODE_NAME' },
    { env: { SHUTDOWN_TIMEOUT_MS: '-5' }, name: 'SHUTDOWN_TIMEOUT_MS' },
  ])('rejects $name=$env with STATIC_BAD_ENV', ({ env, name }) => {
    expect(() => readOptions(env)).toThrow(
      expect.objectContaining({ code: 'STATIC_BAD_ENV', message: expect.stringContaining(name) }),
    );
  });
});
