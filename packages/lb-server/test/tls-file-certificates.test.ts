/**
 * Certificates of the dynamic configuration on a real TLS entry point: files and inline PEM,
 * the store's default certificate, hot swap of renamed files under a bounded load loop with no
 * failed request (established connections keep their certificate), and bad certificates
 * (unreadable, key mismatch, expired) reported on their element while the last good one serves.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startJunction, type TestJunction } from './helpers/junction';
import { createTestCa, type IssuedPair, type TestCa } from './helpers/test-ca';
import { handshake, httpsGet } from './helpers/tls-client';
import { startUpstream, type Upstream } from './helpers/upstreams';
import { waitFor } from './helpers/poll';

let ca: TestCa;
let upstream: Upstream;
let dir: string;
let junction: TestJunction | undefined;

beforeAll(async () => {
  ca = createTestCa();
  upstream = await startUpstream('u1');
});
afterAll(async () => {
  ca.dispose();
  await upstream.close();
});
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'junction-certs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await junction?.close();
  junction = undefined;
});

/** Writes `pair` as `<name>.crt`/`<name>.key` the way cert-manager and editors do: a temp file renamed over. */
function writePair(name: string, pair: IssuedPair): { certFile: string; keyFile: string } {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  writeFileSync(`${certFile}.tmp`, pair.certPem);
  writeFileSync(`${keyFile}.tmp`, pair.keyPem);
  renameSync(`${keyFile}.tmp`, keyFile);
  renameSync(`${certFile}.tmp`, certFile);
  return { certFile, keyFile };
}

function config(tls: Record<string, unknown>): Record<string, unknown> {
  return {
    http: {
      routers: { secure: { rule: 'Host(`files.test`) || Host(`inline.test`)', service: 'app', tls: {} } },
      services: { app: { loadBalancer: { servers: [{ url: upstream.url }] } } },
    },
    tls,
  };
}

async function cnOf(port: number, servername: string): Promise<string> {
  const result = await handshake(port, { servername });
  return result.ok ? result.cert.cn : `error: ${result.error}`;
}

describe('file certificates', () => {
  it('serves certificates from files and inline PEM, and the store default from defaultCertificate', async () => {
    const files = writePair('files', ca.issue(['files.test']));
    const inline = ca.issue(['inline.test']);
    const fallback = writePair('fallback', ca.issue(['fallback.test']));
    junction = await startJunction(
      config({
        certificates: [files, { certFile: inline.certPem, keyFile: inline.keyPem }],
        stores: { default: { defaultCertificate: fallback } },
      }),
    );
    await waitFor(async () => (await cnOf(junction!.port, 'files.test')) === 'files.test', 'files.test served');
    expect((await httpsGet(junction.port, 'files.test', '/', { ca: ca.caPem })).status).toBe(200);
    expect((await httpsGet(junction.port, 'inline.test', '/', { ca: ca.caPem })).status).toBe(200);
    expect(await cnOf(junction.port, 'nothing.test')).toBe('fallback.test');
    const ids = (await junction.app.certificates())
      .list()
      .filter((c) => c.serving)
      .map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([`file:${files.certFile}`, 'inline:1', 'default:default']));
  });

  it('swaps a renamed certificate file under load with no failed request; open connections keep theirs', async () => {
    const first = ca.issue(['files.test']);
    const second = ca.issue(['files.test']);
    const third = ca.issue(['files.test']);
    const files = writePair('swap', first);
    junction = await startJunction(config({ certificates: [files] }));
    const port = junction.port;
    await waitFor(async () => (await cnOf(port, 'files.test')) === 'files.test', 'files.test served');
    const serialOf = async (agent?: Agent): Promise<string> =>
      (await httpsGet(port, 'files.test', '/', { ca: ca.caPem, ...(agent === undefined ? {} : { agent }) })).cert
        .serial;
    const firstSerial = await serialOf();
    const kept = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await serialOf(kept)).toBe(firstSerial);
    // A bounded load loop: 4 clients, each a new TLS connection per request, for at most 600 requests or 4 s.
    let ok = 0;
    const failures: string[] = [];
    const serials = new Set<string>();
    const deadline = Date.now() + 4000;
    let stop = false;
    const loop = async (): Promise<void> => {
      while (!stop && ok + failures.length < 600 && Date.now() < deadline) {
        try {
          const answer = await httpsGet(port, 'files.test', '/', { ca: ca.caPem });
          if (answer.status === 200) ok += 1;
          else failures.push(`status ${answer.status}`);
          serials.add(answer.cert.serial);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const load = Promise.all([loop(), loop(), loop(), loop()]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    writePair('swap', second);
    await waitFor(() => serials.size >= 2, 'a second serial');
    writePair('swap', third);
    await waitFor(() => serials.size >= 3, 'a third serial');
    stop = true;
    await load;
    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(20);
    expect(serials.size).toBe(3);
    expect(serials.has(firstSerial)).toBe(true);
    // The connection opened before the swaps still speaks with the first certificate; a new one gets the last.
    expect(await serialOf(kept)).toBe(firstSerial);
    kept.destroy();
    const lastSerial = (await httpsGet(port, 'files.test', '/', { ca: ca.caPem })).cert.serial;
    expect(lastSerial).not.toBe(firstSerial);
  });

  it('reports a bad replacement on its element and keeps the last good certificate serving', async () => {
    const good = ca.issue(['files.test']);
    const other = ca.issue(['other.test']);
    const files = writePair('bad', good);
    junction = await startJunction(config({ certificates: [files] }));
    const port = junction.port;
    const store = await junction.app.certificates();
    await waitFor(async () => (await cnOf(port, 'files.test')) === 'files.test', 'files.test served');
    const entry = () => store.list().find((c) => c.id === `file:${files.certFile}`);

    writePair('bad', { certPem: good.certPem, keyPem: other.keyPem }); // key of another certificate
    await waitFor(() => entry()?.error?.code === 'LB_TLS_KEY_MISMATCH', 'LB_TLS_KEY_MISMATCH');
    expect(entry()).toMatchObject({ element: 'tls.certificates[0]', state: 'error', serving: true });
    expect((await httpsGet(port, 'files.test', '/', { ca: ca.caPem })).status).toBe(200);

    const expired = await generate([{ name: 'commonName', value: 'files.test' }], {
      keyType: 'ec',
      notBeforeDate: new Date(Date.now() - 3 * 86_400_000),
      notAfterDate: new Date(Date.now() - 86_400_000),
    });
    writePair('bad', { certPem: expired.cert, keyPem: expired.private });
    await waitFor(() => entry()?.error?.code === 'LB_TLS_CERT_EXPIRED', 'LB_TLS_CERT_EXPIRED');
    rmSync(files.certFile);
    await waitFor(() => entry()?.error?.code === 'LB_TLS_CERT_UNREADABLE', 'LB_TLS_CERT_UNREADABLE');
    expect(entry()?.error?.message).toContain(files.certFile);
    const still = await httpsGet(port, 'files.test', '/', { ca: ca.caPem });
    expect([still.status, still.cert.cn]).toEqual([200, 'files.test']);

    writePair('bad', good);
    await waitFor(() => entry()?.error === undefined, 'the error cleared');
    expect(entry()).toMatchObject({ state: 'valid', serving: true });
  });
});
