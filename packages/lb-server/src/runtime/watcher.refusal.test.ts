/**
 * The watcher refuses a snapshot carrying a structural error from ANY provider: that provider's
 * last applied snapshot stays (none if it never sent a good one), the refusing errors are
 * published until a good snapshot arrives, other providers are unaffected. First with the pure
 * watcher, then through `connectProviders` into a real runtime store, with lb-core's validator
 * and a provider that is neither the file nor the Docker one.
 */
import { validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfigErrorLike, EmitConfig, ProviderMessage } from '../providers/provider';
import { connectProviders } from '../server/providers';
import { createRuntimeStore, type RuntimeStoreController } from './runtime-store';
import { unattachedErrors } from '../api/rawdata-view';
import { createConfigWatcher, type AppliedConfigInfo, type ProviderSnapshot } from './watcher';

type Config = Record<string, number>;
const STRUCTURE: ConfigErrorLike = {
  code: 'LB_CONFIG_STRUCTURE',
  message: 'expected a map from router name to router, found a number (5)',
  path: 'http.routers',
};
const merge = (snapshots: readonly ProviderSnapshot<Config>[]) => ({
  config: Object.fromEntries(
    snapshots.flatMap((s) => Object.entries(s.config).map(([k, v]) => [`${k}@${s.provider}`, v])),
  ),
  errors: [],
});
const msg = (provider: string, config: Config, errors: readonly ConfigErrorLike[] = []): ProviderMessage<Config> => ({
  provider,
  config,
  errors,
});

let applied: { config: Config; info: AppliedConfigInfo<Config> }[];
let refusals: [string, boolean][];

function watcher(throttleMs = 0) {
  return createConfigWatcher<Config, Config>({
    throttleMs,
    merge,
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    onConfig: (config, info) => applied.push({ config, info }),
    refuses: (e) => e.code === 'LB_CONFIG_STRUCTURE',
    onRefused: (provider, _errors, kept) => refusals.push([provider, kept]),
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  applied = [];
  refusals = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watcher: a refused snapshot', () => {
  it("keeps the provider's last good snapshot and publishes the errors, then clears them on a good one", () => {
    const w = watcher();
    w.push(msg('file', { a: 1 }));
    w.push(msg('file', {}, [STRUCTURE]));
    expect(applied.at(-1)?.config).toEqual({ 'a@file': 1 });
    expect(applied.at(-1)?.info.errors).toEqual([{ ...STRUCTURE, provider: 'file' }]);
    expect(refusals).toEqual([['file', true]]);
    w.push(msg('file', { a: 1 })); // the same good snapshot as before: only the errors change
    expect(applied.at(-1)?.config).toEqual({ 'a@file': 1 });
    expect(applied.at(-1)?.info.errors).toEqual([]);
    expect(applied).toHaveLength(3);
  });

  it('a bad first snapshot serves nothing from that provider and leaves the others alone', () => {
    const w = watcher();
    w.push(msg('docker', { d: 1 }));
    w.push(msg('file', {}, [STRUCTURE]));
    expect(applied.at(-1)?.config).toEqual({ 'd@docker': 1 });
    expect(applied.at(-1)?.info.errors).toEqual([{ ...STRUCTURE, provider: 'file' }]);
    expect(refusals).toEqual([['file', false]]);
    w.push(msg('file', { f: 1 }));
    expect(applied.at(-1)?.config).toEqual({ 'd@docker': 1, 'f@file': 1 });
    expect(applied.at(-1)?.info.errors).toEqual([]);
  });

  it('keeps showing the refusal while other providers reload', () => {
    const w = watcher();
    w.push(msg('file', { a: 1 }));
    w.push(msg('file', {}, [STRUCTURE]));
    w.push(msg('docker', { d: 2 }));
    expect(applied.at(-1)?.config).toEqual({ 'a@file': 1, 'd@docker': 2 });
    expect(applied.at(-1)?.info.errors).toEqual([{ ...STRUCTURE, provider: 'file' }]);
  });

  it('publishes one refusal once, however often it is repeated', () => {
    const w = watcher();
    w.push(msg('file', { a: 1 }));
    for (let i = 0; i < 5; i++) w.push(msg('file', {}, [STRUCTURE]));
    expect(applied).toHaveLength(2);
    expect(refusals).toHaveLength(1);
  });

  it('still applies a good snapshot that was waiting for the throttle when the bad one came', () => {
    const w = watcher(1000);
    w.push(msg('file', { a: 1 }));
    w.push(msg('file', { a: 2 })); // throttled: due at 1000 ms
    w.push(msg('file', {}, [STRUCTURE]));
    vi.advanceTimersByTime(1000);
    expect(applied.at(-1)?.config).toEqual({ 'a@file': 2 });
    expect(applied.at(-1)?.info.errors).toEqual([{ ...STRUCTURE, provider: 'file' }]);
  });
});

describe('connectProviders: any provider emitting a structurally wrong snapshot', () => {
  let store: RuntimeStoreController | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it('keeps its routers in the runtime and shows the error unattached to any element', async () => {
    vi.useRealTimers();
    store = createRuntimeStore({ entryPoints: { all: ['web'], defaults: ['web'] } });
    let emit: EmitConfig<DynamicConfig> = () => {};
    const send = (raw: unknown): void => {
      const { config, errors } = validateDynamicConfig(raw, { provider: 'rest' });
      emit({ provider: 'rest', config, errors });
    };
    const logged: string[] = [];
    const logger = { info() {}, warn() {}, error: (_: object, text: string) => logged.push(text) };
    const rest = {
      name: 'rest',
      start: (e: EmitConfig<DynamicConfig>) => {
        emit = e;
      },
    };
    const connected = await connectProviders({ store, providers: [rest], throttleMs: 0, logger });
    const lb = { loadBalancer: { servers: [{ url: 'http://127.0.0.1:9' }] } };
    send({ http: { routers: { web: { rule: 'Host(`web.test`)', service: 'web' } }, services: { web: lb } } });
    expect([...store.current.routers.keys()]).toEqual(['web@rest']);

    // The path names the kept service `web`: the error refused the snapshot, it is not web's own.
    send({ http: { routers: { web: { rule: 'Host(`web.test`)', service: 'web' } }, services: { web: 'str' } } });
    expect([...store.current.routers.keys()]).toEqual(['web@rest']);
    expect(store.current.routers.get('web@rest')?.status).toBe('enabled');
    expect(store.current.services.get('web@rest')?.status).toBe('enabled');
    expect(unattachedErrors(store.current)).toEqual([
      expect.objectContaining({ code: 'LB_CONFIG_STRUCTURE', path: 'http.services.web', provider: 'rest' }),
    ]);
    expect(logged).toEqual([
      'snapshot refused, keeping the last good one: http.services.web: expected a service (a map of its settings), found a string ("str"); check the indentation',
    ]);

    send({ http: { routers: { other: { rule: 'Host(`other.test`)', service: 'web' } }, services: { web: lb } } });
    expect([...store.current.routers.keys()]).toEqual(['other@rest']);
    expect(store.current.errors).toEqual([]);
    connected.stop();
  });
});
