/**
 * Test support for the ACME tests: a Junction built with `buildApp` whose `web` entry point listens
 * on Pebble's `httpPort` (it answers HTTP-01 challenges through the ACME route) and whose
 * `websecure` entry point listens on Pebble's `tlsPort` (TLS where TLS routers are: certificates by
 * SNI from the store, `acme-tls/1` challenge certificates while an order waits for them), and the
 * ACME manager started the way `serve.ts` starts it. The log lines are collected for assertions.
 */
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import { connect, type TLSSocket } from 'node:tls';
import { acmeHttpChallenges, startAcme } from '../../src/acme/start-acme';
import type { AcmeManager, AcmeTiming } from '../../src/acme/manager';
import { buildApp, type JunctionApp } from '../../src/app';
import { parseStaticOptions } from '../../src/options';
import { createCertificateStore, type TlsCertificateStore } from '../../src/tls/certificate-store';
import type { PebbleLab } from './pebble';

/** One collected log line. */
export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

/** A running ACME Junction. */
export interface AcmeJunction {
  readonly app: JunctionApp;
  readonly certificates: TlsCertificateStore;
  readonly manager: AcmeManager | undefined;
  readonly logs: LogLine[];
  /** Publishes dynamic configuration (file provider rules). */
  apply(raw: unknown): void;
  close(): Promise<void>;
}

/** Starts Junction for `lab` with `flags` (the resolver's `--certificatesresolvers.*`). */
export async function startAcmeJunction(
  lab: PebbleLab,
  flags: readonly string[],
  raw: unknown,
  timing: Partial<AcmeTiming> = {},
  env: Readonly<Record<string, string>> = { LEGO_CA_CERTIFICATES: lab.caFile },
): Promise<AcmeJunction> {
  const options = parseStaticOptions(
    [
      `--entrypoints.web.address=127.0.0.1:${lab.httpPort}`,
      `--entrypoints.websecure.address=127.0.0.1:${lab.tlsPort}`,
      '--log.level=FATAL',
      ...flags,
    ],
    {},
  );
  const logs: LogLine[] = [];
  const logger = {
    info: (obj: object, msg: string) => logs.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    warn: (obj: object, msg: string) => logs.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg: string) => logs.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };
  const http = acmeHttpChallenges(options);
  const certificates = await createCertificateStore(logger);
  const app = buildApp({
    options,
    serverName: 'junction-test',
    certificates,
    logger,
    ...(http === undefined ? {} : { acmeHttpChallenge: http }),
  });
  const apply = (input: unknown): void => {
    const { config, errors } = validateDynamicConfig(input, { provider: 'file' });
    app.store.apply(
      mergeConfigs({ file: config }),
      errors.map((e) => ({ ...e, provider: 'file' })),
    );
  };
  apply(raw);
  await app.entryPoints.get('web')?.listen({ host: '127.0.0.1', port: lab.httpPort });
  await app.entryPoints.get('websecure')?.listen({ host: '127.0.0.1', port: lab.tlsPort });
  const manager = await startAcme({
    options,
    certificates: () => certificates,
    runtime: app.store,
    logger,
    http,
    env,
    timing: { poll: { minMs: 100, maxMs: 1000 }, ...timing },
  });
  return {
    app,
    certificates,
    manager,
    logs,
    apply,
    async close() {
      await manager?.stop();
      await app.close();
    },
  };
}

/** The certificate served for `servername` on 127.0.0.1:`port`, verified against `ca`. */
export function servedCertificate(
  port: number,
  servername: string,
  ca: string,
): Promise<{ authorized: boolean; error?: string; serial: string; names: string; validTo: string }> {
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connect(
      { host: '127.0.0.1', port, servername, ca, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] },
      () => {
        const cert = socket.getPeerCertificate();
        const error = socket.authorizationError === null ? undefined : String(socket.authorizationError);
        resolve({
          authorized: socket.authorized,
          ...(error === undefined ? {} : { error }),
          serial: cert.serialNumber,
          names: cert.subjectaltname ?? '',
          validTo: cert.valid_to,
        });
        socket.destroy();
      },
    );
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('TLS timeout')));
  });
}
