/**
 * Test-only: a real runtime store fed with a file-provider-like configuration (validated and
 * merged by lb-core exactly as the watcher does), for the dashboard's unit tests.
 */
import { mergeConfigs, validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { createRuntimeStore, type RuntimeStoreController } from '../../../src/runtime/runtime-store';

/** Validates `raw` as provider `provider`'s snapshot and merges it (names become `name@provider`). */
export function mergedFrom(raw: unknown, provider = 'file'): DynamicConfig {
  const { config, errors } = validateDynamicConfig(raw);
  if (errors.length > 0) throw new Error(`test config invalid: ${JSON.stringify(errors)}`);
  return mergeConfigs(new Map([[provider, config]]));
}

/** Three servers behind `app@file` (weights 1, 2, 3) and a weighted service over it. */
export const THREE_SERVERS = {
  http: {
    routers: { app: { rule: 'Host(`app.local`)', service: 'app' } },
    services: {
      app: {
        loadBalancer: {
          servers: [
            { url: 'http://127.0.0.1:1' },
            { url: 'http://127.0.0.1:2', weight: 2 },
            { url: 'http://127.0.0.1:3', weight: 3 },
          ],
        },
      },
      split: { weighted: { services: [{ name: 'app', weight: 1 }] } },
    },
  },
};

/** A store with {@link THREE_SERVERS} applied. */
export function storeWith(raw: unknown = THREE_SERVERS): RuntimeStoreController {
  const store = createRuntimeStore({ entryPoints: { all: ['web'], defaults: ['web'] } });
  store.apply(mergedFrom(raw));
  return store;
}
