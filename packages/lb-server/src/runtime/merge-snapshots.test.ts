/** The watcher's merge: tls sections of several providers, and the `default` conflict Traefik reports. */
import type { DynamicConfig } from '@junction/lb-core';
import { describe, expect, it } from 'vitest';
import { mergeSnapshots } from './merge-snapshots';

const snap = (provider: string, config: DynamicConfig) => ({ provider, config, errors: [], receivedAt: 0 });

describe('mergeSnapshots: tls', () => {
  it('merges without error when one provider defines the defaults', () => {
    const merged = mergeSnapshots(['file'])([
      snap('file', { http: {}, tls: { options: { default: { minVersion: 'VersionTLS13' }, x: {} } } }),
      snap('docker', { http: {} }),
    ]);
    expect(merged.errors).toEqual([]);
    expect(merged.config.tls?.options).toEqual({ default: { minVersion: 'VersionTLS13' }, 'x@file': {} });
  });

  it('reports default options and store defined twice, and keeps the first provider’s', () => {
    const a = snap('file', { http: {}, tls: { options: { default: { sniStrict: true } }, stores: { default: {} } } });
    const b = snap('other', {
      http: {},
      tls: {
        options: { default: { sniStrict: false } },
        stores: { default: { defaultCertificate: { certFile: 'c', keyFile: 'k' } } },
      },
    });
    const merged = mergeSnapshots(['file'])([b, a]);
    expect(merged.errors.map((e) => [e.path, e.message])).toEqual([
      [
        'tls.options.default',
        'the default TLS options are defined by several providers (file, other); the definition of file is used',
      ],
      [
        'tls.stores.default',
        'the default TLS store is defined by several providers (file, other); the definition of file is used',
      ],
    ]);
    expect(merged.config.tls?.options?.default).toEqual({ sniStrict: true });
    expect(merged.config.tls?.stores?.default).toEqual({});
  });
});
