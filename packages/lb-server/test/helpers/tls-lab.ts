/**
 * Test support for the TLS entry point tests: registers the vitest hooks that make a throwaway CA
 * with certificates for `secure.test` and `*.wild.test`, an echo upstream, and close the Junction a
 * test started; gives the configuration those tests share (a TLS router for `secure.test`,
 * `*.wild.test` by HostRegexp and `other.test`, a plain router for `plain.test`).
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startJunction, type TestJunction } from './junction';
import { createTestCa, type IssuedPair, type TestCa } from './test-ca';
import { startUpstream, type Upstream } from './upstreams';

/** What a TLS test file uses (valid inside its tests). */
export interface TlsLab {
  readonly ca: TestCa;
  /** The shared configuration, with `tls.options` and the TLS router's `tls` block. */
  config(options?: Record<string, unknown>, routerTls?: Record<string, unknown>): Record<string, unknown>;
  /** Starts Junction on `raw` with the `secure.test` and `*.wild.test` certificates in its store. */
  start(raw: Record<string, unknown>): Promise<TestJunction>;
  /** Closes the Junction of the running test now. */
  stop(): Promise<void>;
}

/** Registers the hooks and returns the lab (see module comment). */
export function useTlsLab(): TlsLab {
  let ca: TestCa | undefined;
  let upstream: Upstream | undefined;
  let pairs: IssuedPair[] = [];
  let junction: TestJunction | undefined;
  beforeAll(async () => {
    ca = createTestCa();
    pairs = [ca.issue(['secure.test']), ca.issue(['*.wild.test'])];
    upstream = await startUpstream('u1');
  });
  afterAll(async () => {
    ca?.dispose();
    await upstream?.close();
  });
  const stop = async (): Promise<void> => {
    await junction?.close();
    junction = undefined;
  };
  afterEach(stop);
  return {
    get ca(): TestCa {
      if (ca === undefined) throw new Error('the lab is ready inside tests only');
      return ca;
    },
    config(options = {}, routerTls = {}) {
      return {
        http: {
          routers: {
            secure: {
              rule: 'Host(`secure.test`) || HostRegexp(`^.+\\.wild\\.test$`) || Host(`other.test`)',
              service: 'app',
              tls: routerTls,
            },
            plain: { rule: 'Host(`plain.test`)', service: 'app' },
          },
          services: { app: { loadBalancer: { servers: [{ url: upstream?.url ?? '' }] } } },
        },
        ...(Object.keys(options).length === 0 ? {} : { tls: { options } }),
      };
    },
    async start(raw) {
      junction = await startJunction(raw);
      const store = await junction.app.certificates();
      store.replace(
        'test',
        pairs.map((p, i) => ({ id: `test:${i}`, source: 'file' as const, ...p })),
      );
      return junction;
    },
    stop,
  };
}
