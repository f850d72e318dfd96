import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProviderMessage } from '../providers/provider';
import {
  createConfigWatcher,
  type AppliedConfigInfo,
  type ConfigWatcherOptions,
  type ProviderSnapshot,
} from './watcher';

type Config = Record<string, number>;
type Merged = Record<string, number>;

/** Qualifies each key as `key@provider`, like Traefik's merge. */
const merge = (snapshots: readonly ProviderSnapshot<Config>[]) => ({
  config: Object.fromEntries(
    snapshots.flatMap((s) => Object.entries(s.config).map(([k, v]) => [`${k}@${s.provider}`, v])),
  ),
  errors: [],
});
const equals = (a: Config, b: Config): boolean => JSON.stringify(a) === JSON.stringify(b);
const msg = (provider: string, config: Config, errors: ProviderMessage['errors'] = []): ProviderMessage<Config> => ({
  provider,
  config,
  errors,
});

let applied: { at: number; config: Merged; info: AppliedConfigInfo<Config> }[];

function watcher(extra: Partial<ConfigWatcherOptions<Config, Merged>> = {}) {
  return createConfigWatcher<Config, Merged>({
    throttleMs: 2000,
    merge,
    equals,
    onConfig: (config, info) => applied.push({ at: Date.now(), config, info }),
    ...extra,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  applied = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createConfigWatcher', () => {
  it('applies the first snapshot at once', () => {
    watcher().push(msg('file', { a: 1 }));
    expect(applied.map((a) => a.config)).toEqual([{ 'a@file': 1 }]);
  });

  it("drops a snapshot equal to the provider's previous one", () => {
    const w = watcher();
    w.push(msg('file', { a: 1 }));
    vi.advanceTimersByTime(5000);
    w.push(msg('file', { a: 1 }));
    vi.advanceTimersByTime(5000);
    expect(applied).toHaveLength(1);
  });

  it('treats a change of errors alone as a change', () => {
    const w = watcher();
    w.push(msg('file', { a: 1 }));
    vi.advanceTimersByTime(5000);
    w.push(msg('file', { a: 1 }, [{ message: 'bad', path: 'http.routers.x' }]));
    expect(applied).toHaveLength(2);
    expect(applied[1]?.info.errors).toEqual([{ message: 'bad', path: 'http.routers.x', provider: 'file' }]);
  });

  it('coalesces a burst into one trailing apply of the latest state, after the throttle', () => {
    const w = watcher();
    w.push(msg('docker', { n: 1 }));
    vi.advanceTimersByTime(100);
    w.push(msg('docker', { n: 2 }));
    w.push(msg('docker', { n: 3 }));
    vi.advanceTimersByTime(1000);
    w.push(msg('docker', { n: 4 }));
    expect(applied).toHaveLength(1);
    vi.advanceTimersByTime(900);
    expect(applied.map((a) => [a.at, a.config])).toEqual([
      [0, { 'n@docker': 1 }],
      [2000, { 'n@docker': 4 }],
    ]);
    w.push(msg('docker', { n: 5 }));
    vi.advanceTimersByTime(1999);
    expect(applied).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(applied.map((a) => [a.at, a.config['n@docker']])).toEqual([
      [0, 1],
      [2000, 4],
      [4000, 5],
    ]);
  });

  it('applies at once again once the throttle window has passed', () => {
    const w = watcher();
    w.push(msg('file', { a: 1 }));
    vi.advanceTimersByTime(2500);
    w.push(msg('file', { a: 2 }));
    expect(applied.map((a) => a.at)).toEqual([0, 2500]);
  });

  it('skips a trailing apply whose latest state equals the one applied', () => {
    const w = watcher();
    w.push(msg('file', { a: 1 }));
    w.push(msg('file', { a: 2 }));
    w.push(msg('file', { a: 1 }));
    vi.advanceTimersByTime(5000);
    expect(applied).toHaveLength(1);
  });

  it('throttles each provider on its own and merges all latest snapshots', () => {
    const w = watcher({ providerOrder: ['file', 'docker'] });
    w.push(msg('docker', { d: 1 }));
    w.push(msg('file', { f: 1 }));
    expect(applied.map((a) => a.config)).toEqual([{ 'd@docker': 1 }, { 'f@file': 1, 'd@docker': 1 }]);
    expect(Object.keys(applied[1]?.config ?? {})).toEqual(['f@file', 'd@docker']);
    expect(applied[1]?.info.providers.map((p) => p.provider)).toEqual(['file', 'docker']);
  });

  it('passes merge errors and provider errors to onConfig', () => {
    const w = watcher({ merge: (s) => ({ ...merge(s), errors: [{ message: 'conflict' }] }) });
    w.push(msg('file', { a: 1 }, [{ message: 'bad rule', path: 'http.routers.r.rule', file: 'd.yml', line: 3 }]));
    expect(applied[0]?.info.errors).toEqual([
      { message: 'bad rule', path: 'http.routers.r.rule', file: 'd.yml', line: 3, provider: 'file' },
      { message: 'conflict' },
    ]);
  });

  it('drops pending applies on close and ignores later pushes', () => {
    const w = watcher();
    w.push(msg('file', { a: 1 }));
    w.push(msg('file', { a: 2 }));
    w.close();
    vi.advanceTimersByTime(5000);
    w.push(msg('other', { b: 1 }));
    expect(applied).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports errors from onConfig to onError and keeps working', () => {
    const errors: unknown[] = [];
    let fail = true;
    const w = createConfigWatcher<Config, Merged>({
      throttleMs: 10,
      merge,
      equals,
      onError: (e) => errors.push(e),
      onConfig: (config) => {
        if (fail) throw new Error('boom');
        applied.push({ at: Date.now(), config, info: { errors: [], providers: [] } });
      },
    });
    w.push(msg('file', { a: 1 }));
    fail = false;
    vi.advanceTimersByTime(10);
    w.push(msg('file', { a: 2 }));
    expect(errors).toHaveLength(1);
    expect(applied.map((a) => a.config)).toEqual([{ 'a@file': 2 }]);
  });

  it('uses injected clock and timers', () => {
    let clock = 0;
    const pending: (() => void)[] = [];
    const w = createConfigWatcher<Config, Merged>({
      throttleMs: 100,
      merge,
      equals,
      onConfig: (config) => applied.push({ at: clock, config, info: { errors: [], providers: [] } }),
      now: () => clock,
      timers: { setTimeout: (cb) => pending.push(cb), clearTimeout: () => {} },
    });
    w.push(msg('file', { a: 1 }));
    clock = 50;
    w.push(msg('file', { a: 2 }));
    expect(pending).toHaveLength(1);
    clock = 100;
    pending[0]?.();
    expect(applied.map((a) => [a.at, a.config])).toEqual([
      [0, { 'a@file': 1 }],
      [100, { 'a@file': 2 }],
    ]);
  });
});
