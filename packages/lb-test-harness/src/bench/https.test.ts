/**
 * The HTTPS benchmark's pieces: the openssl certificate (really made, then read back: ECDSA P-256
 * with the names clients verify), `openssl s_time` output parsing and combining, nginx's TLS
 * configuration (checked by `nginx -t` when installed), Junction's dynamic file (checked by
 * lb-core's validation), and the report rows on hand-made results.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDynamicConfig } from '@junction/lb-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { junctionHttpsYaml, nginxTlsConfig } from './https-configs';
import { renderBenchHtml } from '../report/bench-html';
import { benchMarkdown, benchText } from './bench-report';
import { httpsNotes, httpsRatioRows, httpsRows } from './https-report';
import type { HttpsResult } from './https-run';
import type { BenchResult } from './run-bench';
import { combineSTime, parseSTime } from './s-time';
import { summarise, type RoundSample } from './summary';
import { generateBenchCertificate, type BenchCertificate } from './tls-cert';
import { findExecutable } from './tools';

const openssl = findExecutable('openssl');
const nginx = findExecutable('nginx');
let dir = '';
let cert: BenchCertificate | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lb-bench-https-test-'));
  if (openssl !== undefined) cert = await generateBenchCertificate(openssl, dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the benchmark certificate', () => {
  it.skipIf(openssl === undefined)(
    'is ECDSA P-256, self-signed, for bench.junction.test, localhost and 127.0.0.1',
    () => {
      const text = execFileSync(openssl as string, ['x509', '-in', cert?.certFile ?? '', '-noout', '-text'], {
        encoding: 'utf8',
      });
      expect(text).toMatch(/ASN1 OID: prime256v1/);
      expect(text).toMatch(/Subject: CN ?= ?bench\.junction\.test/);
      expect(text).toMatch(/Issuer: CN ?= ?bench\.junction\.test/);
      expect(text).toMatch(/DNS:bench\.junction\.test, DNS:localhost, IP Address:127\.0\.0\.1/);
      expect(cert?.certPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(cert?.description).toMatch(/^ECDSA P-256/);
    },
  );
});

describe('openssl s_time -new output', () => {
  const sample = `Collecting connection statistics for 2 seconds
*****************************************

604 connections in 0.35s; 1725.71 connections/user sec, bytes read 87580
604 connections in 3 real seconds, 145 bytes read per connection
`;

  it('gives the connections and bytes per connection', () => {
    expect(parseSTime(sample)).toEqual({ connections: 604, bytesPerConnection: 145 });
    expect(parseSTime('ERROR\n80FB:error:8000006F:system library:BIO_connect:Connection refused')).toBeUndefined();
  });

  it('sums the clients over the requested seconds; a failed client is one error', () => {
    const r = combineSTime(
      [{ connections: 600, bytesPerConnection: 100 }, { connections: 200, bytesPerConnection: 300 }, undefined],
      2,
    );
    expect(r).toMatchObject({ requests: 800, seconds: 2, rps: 400, errors: 1, bytesPerConnection: 150 });
    // s_time runs up to a second past -time: each client's rate is over its own measured time.
    expect(
      combineSTime(
        [
          { connections: 600, bytesPerConnection: 1, seconds: 3 },
          { connections: 500, bytesPerConnection: 1, seconds: 2.5 },
        ],
        2,
      ),
    ).toMatchObject({ requests: 1100, seconds: 3, rps: 400 });
    expect(Number.isNaN(r.p99Ms)).toBe(true);
    expect(combineSTime([undefined], 1, 'exit 1: ERROR')).toMatchObject({
      requests: 0,
      rps: 0,
      errors: 1,
      failure: 'exit 1: ERROR',
    });
    expect(combineSTime([{ connections: 5, bytesPerConnection: 1 }], 1, 'unused')).not.toHaveProperty('failure');
  });
});

describe('configurations', () => {
  const files = { certFile: join(dir || tmpdir(), 'bench-cert.pem'), keyFile: join(dir || tmpdir(), 'bench-key.pem') };

  it('nginx terminates TLS 1.2–1.3 with the certificate, h2 offered, balancing over both backends', () => {
    const conf = nginxTlsConfig({ port: 8443, backends: [9001, 9002], dir: '/tmp/x', ...files });
    expect(conf).toContain('listen 127.0.0.1:8443 ssl http2;');
    expect(conf).toContain(`ssl_certificate ${files.certFile};`);
    expect(conf).toContain('ssl_protocols TLSv1.2 TLSv1.3;');
    expect(conf).toMatch(/server 127\.0\.0\.1:9001;\s+server 127\.0\.0\.1:9002;/);
  });

  it.skipIf(nginx === undefined || openssl === undefined)(
    'nginx -t accepts it with the generated certificate (skipped without nginx)',
    async () => {
      const conf = join(dir, 'nginx-tls.conf');
      await writeFile(
        conf,
        nginxTlsConfig({
          port: 8443,
          backends: [9001, 9002],
          dir,
          certFile: cert?.certFile ?? '',
          keyFile: cert?.keyFile ?? '',
        }),
      );
      expect(() =>
        execFileSync(nginx as string, ['-t', '-q', '-p', dir, '-e', join(dir, 'error.log'), '-c', conf], {
          stdio: 'pipe',
        }),
      ).not.toThrow();
    },
  );

  it("Junction's file is valid dynamic configuration: a TLS router on websecure and the file certificate", () => {
    const { config, errors } = validateDynamicConfig(parse(junctionHttpsYaml({ backends: [9001, 9002], ...files })));
    expect(errors).toEqual([]);
    expect(config.http?.routers?.['bench-tls']).toMatchObject({ entryPoints: ['websecure'], tls: {} });
    expect(config.tls?.certificates).toEqual([files]);
    expect(config.tls?.stores?.default?.defaultCertificate).toEqual(files);
  });
});

describe('report rows', () => {
  const sample = (target: string, round: number, rps: number, cpu: number): RoundSample => ({
    target,
    round,
    result: { requests: rps * 2, seconds: 2, rps, p50Ms: Number.NaN, p99Ms: Number.NaN, errors: 0 },
    usage: { cpuUsPerReq: cpu },
  });
  const hands = [
    sample('nginx', 1, 1200, 400),
    sample('junction', 1, 600, 1000),
    sample('nginx', 2, 1300, 380),
    sample('junction', 2, 650, 1100),
  ];
  const summaries = summarise(hands, ['nginx', 'junction']);
  const result: HttpsResult = {
    note: 'pinned',
    certificate: 'ECDSA P-256',
    targets: [
      { name: 'nginx', note: 'nginx 1 worker', idleRssMiB: 17 },
      { name: 'junction', note: 'one Node process', idleRssMiB: 90 },
    ],
    skipped: [{ target: 'keep-alive', reason: 'wrk not installed' }],
    handshakes: {
      samples: hands,
      summaries,
      ratio: { label: 'junction / nginx', rps: 625 / 1250, p99: Number.NaN, cpu: 1050 / 390 },
      loadCpuBusy: { nginx: 0.97, junction: 0.5 },
    },
  };

  it('one row per target and measure with medians, ranges and the load CPU', () => {
    expect(httpsRows(result)).toEqual([
      ['nginx', 'new TLS handshakes', '1,250', '1,200–1,300', '390.0', '—', '17 → —', '97%', '—', '0'],
      ['junction', 'new TLS handshakes', '625', '600–650', '1050.0', '—', '90 → —', '50%', '—', '0'],
    ]);
    expect(httpsRatioRows(result)).toEqual([['new TLS handshakes', '0.50', '2.69']]);
  });

  it('notes say how it ran, warn when the generators were CPU-bound, and list what was skipped', () => {
    const notes = httpsNotes(result);
    expect(notes).toContain('Certificate: ECDSA P-256.');
    expect(notes.some((n) => n.includes('≥ 90 % busy for nginx (new TLS handshakes)'))).toBe(true);
    expect(notes.some((n) => n.includes('junction ('))).toBe(false);
    expect(notes).toContain('Skipped: wrk not installed.');
    expect(httpsRows(undefined)).toEqual([]);
  });

  it('the text, markdown and HTML reports carry the HTTPS tables, and the HTML its charts', () => {
    const bench: BenchResult = {
      format: 'junction-harness-bench/2',
      createdAt: '2026-01-01T00:00:00.000Z',
      generator: 'none',
      settings: {},
      cpuPlan: { pinned: true, loadCpu: 0, proxyCpu: 1, note: 'pinned' },
      targets: [],
      skipped: [],
      samples: [],
      summaries: [],
      ratios: [],
      goals: [],
      https: result,
    };
    for (const text of [benchText(bench), benchMarkdown(bench)]) {
      expect(text).toContain('HTTPS: Junction and nginx terminating TLS');
      expect(text).toMatch(/junction\s*\|?\s*new TLS handshakes\s*\|?\s*625/);
      expect(text).toMatch(/new TLS handshakes\s*\|?\s*0\.50\s*\|?\s*2\.69/);
    }
    const html = renderBenchHtml(bench);
    expect(html).toContain('<h2>HTTPS: Junction and nginx terminating TLS</h2>');
    expect(html).toContain('aria-label="HTTPS new TLS handshakes per second"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
