/**
 * The file provider reads Traefik's `tls` section (YAML and TOML): certificates, the default store
 * and options come through in the snapshot; a bad option is reported with its path, file and line
 * while the rest of the file serves; a directory's files merge (certificates concatenate).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderMessage } from '../provider';
import { FileProvider, type LoggerLike } from './file-provider';
import { closeScratch, openScratch } from '../../../test/helpers/scratch';

const quiet: LoggerLike = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
const ROUTER =
  'http:\n  routers:\n    web:\n      rule: "Host(`web.test`)"\n      service: web\n      tls:\n        options: modern\n  services:\n    web:\n      loadBalancer:\n        servers:\n          - url: http://127.0.0.1:9\n';

let dir: string;
let controller: AbortController;
let messages: ProviderMessage<DynamicConfig>[];

async function start(settings: { filename?: string; directory?: string }): Promise<void> {
  const provider = new FileProvider<DynamicConfig>({
    ...settings,
    watch: false,
    debounceMs: 10,
    logger: quiet,
    validate: (raw) => validateDynamicConfig(raw, { provider: 'file' }),
  });
  await provider.start((m) => messages.push(m), controller.signal);
}

beforeEach(async () => {
  ({ dir, controller } = await openScratch('junction-file-tls-'));
  messages = [];
});

afterEach(() => closeScratch(dir, controller));

describe('FileProvider: the tls section', () => {
  it('passes certificates, the default store and options through (YAML)', async () => {
    const file = join(dir, 'dynamic.yml');
    await writeFile(
      file,
      `${ROUTER}tls:\n  certificates:\n    - certFile: /certs/a.pem\n      keyFile: /certs/a.key\n  stores:\n    default:\n      defaultCertificate:\n        certFile: /certs/d.pem\n        keyFile: /certs/d.key\n  options:\n    modern:\n      minVersion: VersionTLS13\n      sniStrict: true\n`,
    );
    await start({ filename: file });
    expect(messages.at(-1)?.errors).toEqual([]);
    expect(messages.at(-1)?.config.tls).toEqual({
      certificates: [{ certFile: '/certs/a.pem', keyFile: '/certs/a.key' }],
      stores: { default: { defaultCertificate: { certFile: '/certs/d.pem', keyFile: '/certs/d.key' } } },
      options: { modern: { minVersion: 'VersionTLS13', sniStrict: true } },
    });
    expect(messages.at(-1)?.config.http.routers?.web?.tls).toEqual({ options: 'modern' });
  });

  it('reports a bad option with its path and line and serves the rest (TOML)', async () => {
    const file = join(dir, 'dynamic.toml');
    await writeFile(
      file,
      '[http.routers.web]\nrule = "Host(`web.test`)"\nservice = "web"\n[[http.services.web.loadBalancer.servers]]\nurl = "http://127.0.0.1:9"\n[tls.options.modern]\nminVersion = "VersionTLS14"\n[tls.options.ok]\nsniStrict = true\n',
    );
    await start({ filename: file });
    const last = messages.at(-1);
    expect(Object.keys(last?.config.http.routers ?? {})).toEqual(['web']);
    expect(last?.config.tls?.options).toEqual({ ok: { sniStrict: true } });
    expect(last?.errors).toEqual([
      expect.objectContaining({
        path: 'tls.options.modern.minVersion',
        file,
        message: expect.stringContaining("unknown TLS version 'VersionTLS14'"),
      }),
    ]);
  });

  it('concatenates the certificates of a directory’s files', async () => {
    await writeFile(join(dir, 'a.yml'), 'tls:\n  certificates:\n    - {certFile: a.pem, keyFile: a.key}\n');
    await writeFile(join(dir, 'b.yml'), 'tls:\n  certificates:\n    - {certFile: b.pem, keyFile: b.key}\n');
    await start({ directory: dir });
    expect(messages.at(-1)?.config.tls?.certificates).toEqual([
      { certFile: 'a.pem', keyFile: 'a.key' },
      { certFile: 'b.pem', keyFile: 'b.key' },
    ]);
  });
});
