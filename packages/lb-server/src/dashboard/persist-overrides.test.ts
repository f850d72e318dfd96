/**
 * Overrides kept across a restart, on a real runtime store and a temporary state file: saved
 * after a change, restored by a new store (a restart) and applied to the servers that exist,
 * kept for those that do not until they appear, listed as orphans, cleared on request; a
 * corrupt file is set aside and the store starts empty.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntimeStore, type RuntimeStoreController } from '../runtime/runtime-store';
import type { LoadBalancedService } from '../runtime/runtime';
import { bindOverrides } from './bind-overrides';
import { orphanOverrides } from './override-orphans';
import { OverrideStore } from './override-store';
import { persistOverrides, type OverridePersistence } from './persist-overrides';
import { mergedFrom, THREE_SERVERS } from '../../test/support/dashboard/merged-store';

const A = 'http://127.0.0.1:1';
const C = 'http://127.0.0.1:3';
const D = 'http://127.0.0.1:4';
const WITH_D = {
  http: {
    ...THREE_SERVERS.http,
    services: {
      ...THREE_SERVERS.http.services,
      app: { loadBalancer: { servers: [...THREE_SERVERS.http.services.app.loadBalancer.servers, { url: D }] } },
    },
  },
};
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let dir: string;
let path: string;
const running: { store: RuntimeStoreController; persistence: OverridePersistence }[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'junction-persist-'));
  path = join(dir, 'overrides.json');
});
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.persistence.close();
    await r.store.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

/** One Junction's worth: store, overrides, persistence, the file configuration applied. */
function boot(raw: unknown = THREE_SERVERS) {
  const store = createRuntimeStore({ entryPoints: { all: ['web'], defaults: ['web'] } });
  const overrides = new OverrideStore({ runtime: () => store.current, now: () => 7 });
  const bound = bindOverrides(store, overrides);
  const persistence = persistOverrides(overrides, { path, logger: quiet, delayMs: 1 });
  running.push({ store, persistence });
  const apply = (config: unknown): void => void bound.apply(mergedFrom(config));
  apply(raw);
  const app = (): LoadBalancedService => {
    const s = store.current.services.get('app@file');
    if (s?.kind !== 'loadBalancer') throw new Error('no app@file');
    return s;
  };
  const live = (id: string) =>
    app()
      .balancer.servers()
      .find((s) => s.id === id);
  return { store, overrides, persistence, apply, live, strategy: () => app().balancer.strategy };
}

describe('overrides across a restart', () => {
  it('saves a drain, a weight and a strategy, and a restarted store applies them to the live balancers', async () => {
    const first = boot();
    first.overrides.setDraining('app@file', C, true, 'admin');
    first.overrides.setWeight('app@file', A, 9, 'admin');
    first.overrides.setStrategy('app@file', 'least-connections', 'admin');
    await first.persistence.flush();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      servers: [
        { server: A, weight: 9 },
        { server: C, draining: true },
      ],
      services: [{ strategy: 'least-connections' }],
    });

    const second = boot();
    expect(second.live(C)?.draining).toBe(true);
    expect(second.live(A)?.weight).toBe(9);
    expect(second.strategy()).toBe('least-connections');
    expect(second.overrides.server('app@file', C)).toEqual({
      service: 'app@file',
      server: C,
      draining: true,
      by: 'admin',
      at: 7,
    });
    expect(second.persistence.status()).toMatchObject({ enabled: true, path, state: 'ok', restored: 3 });
  });

  it('keeps an override whose server is not there yet, lists it as an orphan, and applies it when the server appears', async () => {
    const first = boot(WITH_D);
    first.overrides.setDraining('app@file', D, true, 'admin');
    await first.persistence.flush();

    const second = boot(THREE_SERVERS);
    expect(orphanOverrides(second.store.current, second.overrides.list())).toEqual([
      { service: 'app@file', server: D, draining: true, by: 'admin', at: 7, missing: 'server' },
    ]);
    second.apply(WITH_D);
    expect(second.live(D)?.draining).toBe(true);
    expect(orphanOverrides(second.store.current, second.overrides.list())).toEqual([]);
    // A reload that loses it again does not drop it either.
    second.apply(THREE_SERVERS);
    await second.persistence.flush();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ servers: [{ server: D, draining: true }] });
  });

  it('clears an orphan (missing service too) and saves the file without it', async () => {
    writeFileSync(
      path,
      JSON.stringify({
        junction: 'overrides',
        version: 1,
        servers: [{ service: 'gone@docker', server: 'lab/gone/1', draining: true, by: 'admin', at: 1 }],
        services: [{ service: 'gone@docker', strategy: 'p2c', by: 'admin', at: 1 }],
      }),
    );
    const { store, overrides, persistence } = boot();
    expect(orphanOverrides(store.current, overrides.list()).map((o) => o.missing)).toEqual(['service', 'service']);
    overrides.clear('gone@docker', 'lab/gone/1', 'admin');
    overrides.clear('gone@docker', undefined, 'admin');
    expect(() => overrides.clear('gone@docker', undefined, 'admin')).toThrow(/no strategy override/);
    await persistence.flush();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ servers: [], services: [] });
  });

  it('clearing a present server undrains it and gives back its provider weight', () => {
    const { overrides, live } = boot();
    overrides.setDraining('app@file', C, true, 'admin');
    overrides.setWeight('app@file', C, 0, 'admin');
    overrides.clear('app@file', C, 'admin');
    expect(live(C)).toMatchObject({ draining: false, weight: 3 });
    expect(overrides.server('app@file', C)).toBeUndefined();
  });

  it('sets a corrupt file aside, starts with no override, and reports it', () => {
    writeFileSync(path, '{"junction":"overrides","version":1,"servers":[{"service":"app@file"');
    const { overrides, persistence, live } = boot();
    expect(overrides.list()).toEqual({ servers: [], services: [] });
    expect(live(C)?.draining).toBe(false);
    expect(persistence.status().loadError).toMatchObject({
      code: 'DASH_STATE_FILE_CORRUPT',
      setAside: expect.stringContaining('.corrupt-') as unknown,
    });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^overrides\.json\.corrupt-/)]);
  });
});
