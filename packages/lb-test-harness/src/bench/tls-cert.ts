/**
 * The HTTPS benchmark's certificate: one ECDSA P-256 key and self-signed certificate, made at run
 * time with openssl, that nginx and Junction both serve, so a handshake costs each the same
 * signature. It names `localhost`, `bench.junction.test` and 127.0.0.1 (clients verify it as their
 * only CA, which also proves a proxy serves this certificate and not a default one).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessError } from '../errors';

/** The certificate's main name. */
export const BENCH_TLS_NAME = 'bench.junction.test';

/** A generated certificate. */
export interface BenchCertificate {
  readonly certFile: string;
  readonly keyFile: string;
  /** The certificate in PEM (clients' CA). */
  readonly certPem: string;
  /** For the report: `ECDSA P-256, self-signed (openssl …)`. */
  readonly description: string;
}

/** `openssl req` arguments for a self-signed ECDSA P-256 certificate valid `days` days. */
export function opensslCertArgs(certFile: string, keyFile: string, days = 2): string[] {
  return [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    String(days),
    '-subj',
    `/CN=${BENCH_TLS_NAME}`,
    '-addext',
    `subjectAltName=DNS:${BENCH_TLS_NAME},DNS:localhost,IP:127.0.0.1`,
  ];
}

/** Writes `bench-cert.pem` and `bench-key.pem` into `dir` with `openssl`. */
export async function generateBenchCertificate(openssl: string, dir: string): Promise<BenchCertificate> {
  const certFile = join(dir, 'bench-cert.pem');
  const keyFile = join(dir, 'bench-key.pem');
  try {
    await promisify(execFile)(openssl, opensslCertArgs(certFile, keyFile), { timeout: 30_000 });
  } catch (err) {
    throw new HarnessError(
      'HARNESS_START_FAILED',
      `openssl could not make the benchmark certificate: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const { stdout } = await promisify(execFile)(openssl, ['version'], { timeout: 10_000 });
  return {
    certFile,
    keyFile,
    certPem: await readFile(certFile, 'utf8'),
    description: `ECDSA P-256, self-signed for ${BENCH_TLS_NAME}, localhost, 127.0.0.1 (${stdout.trim()})`,
  };
}
