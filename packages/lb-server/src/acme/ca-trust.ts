/**
 * Trust for the connection to the ACME directory. A private CA (Pebble, step-ca, an internal
 * Boulder) is trusted through lego's variables, which Traefik reads: `LEGO_CA_CERTIFICATES` (PEM
 * files separated by the OS path separator, or commas) replacing the system roots unless
 * `LEGO_CA_SYSTEM_CERT_POOL` is true, and `LEGO_CA_SERVER_NAME` for the name checked in the CA's
 * certificate; and through Node's `NODE_EXTRA_CA_CERTS`, always added.
 *
 * acme-client talks through one shared axios instance; {@link loadAcme} loads it lazily (only
 * when a resolver is configured) and adds one request interceptor that takes the https.Agent and
 * the abort signal of the ACME work in progress from an AsyncLocalStorage, so each resolver uses
 * its own trust and a stopping manager aborts only its own requests; each request gets Traefik's
 * 2-minute client timeout.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { delimiter } from 'node:path';
import { rootCertificates } from 'node:tls';

/** What the interceptor attaches to every ACME request made inside {@link acmeContext}.run. */
export interface AcmeRequestContext {
  readonly agent: Agent;
  readonly signal: AbortSignal;
}

/** The context of the ACME work in progress. */
export const acmeContext = new AsyncLocalStorage<AcmeRequestContext>();

/** CA files that cannot be read: `LB_ACME_CA_CERTIFICATES`. */
export class AcmeTrustError extends Error {
  readonly code = 'LB_ACME_CA_CERTIFICATES';
}

function readPems(name: string, paths: readonly string[]): string[] {
  return paths.map((path) => {
    try {
      const pem = readFileSync(path, 'utf8');
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
      return pem;
    } catch (error) {
      throw new AcmeTrustError(`${name}: cannot use ${path}: ${(error as Error).message}`);
    }
  });
}

/** Go's `strconv.ParseBool` true values. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

/**
 * The CAs to trust for the ACME directory, or `undefined` for Node's own (its roots and
 * `NODE_EXTRA_CA_CERTS`). As lego (through Traefik): `LEGO_CA_CERTIFICATES` replaces the system
 * roots unless `LEGO_CA_SYSTEM_CERT_POOL` is true; `NODE_EXTRA_CA_CERTS` is always added.
 */
export function caCertificates(env: Readonly<Record<string, string | undefined>>): string[] | undefined {
  const lego = (env.LEGO_CA_CERTIFICATES ?? '')
    .split(',')
    .flatMap((p) => p.split(delimiter))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const nodeExtra =
    env.NODE_EXTRA_CA_CERTS === undefined || env.NODE_EXTRA_CA_CERTS === '' ? [] : [env.NODE_EXTRA_CA_CERTS];
  const extra = [...readPems('NODE_EXTRA_CA_CERTS', nodeExtra), ...readPems('LEGO_CA_CERTIFICATES', lego)];
  if (lego.length === 0) return extra.length === 0 ? undefined : [...rootCertificates, ...extra];
  return [...(TRUE.has(env.LEGO_CA_SYSTEM_CERT_POOL ?? '') ? rootCertificates : []), ...extra];
}

/** The agent for the ACME directory (keep-alive, the CAs of {@link caCertificates}, `LEGO_CA_SERVER_NAME`). */
export function acmeAgent(env: Readonly<Record<string, string | undefined>>): Agent {
  const ca = caCertificates(env);
  const serverName = env.LEGO_CA_SERVER_NAME;
  return new Agent({
    keepAlive: true,
    maxSockets: 4,
    ...(ca === undefined ? {} : { ca }),
    ...(serverName === undefined || serverName === '' ? {} : { servername: serverName }),
  });
}

/** Longest wait for one request to the CA (Traefik's `acme.clientTimeout` default, 2 min). */
export const ACME_REQUEST_TIMEOUT_MS = 120_000;

type AcmeModule = typeof import('acme-client');
let loaded: Promise<AcmeModule> | undefined;

/** acme-client, loaded once, with the context interceptor installed. */
export function loadAcme(): Promise<AcmeModule> {
  loaded ??= import('acme-client').then((imported) => {
    const acme = (imported as { default?: AcmeModule }).default ?? imported;
    acme.axios.interceptors.request.use((config) => {
      const context = acmeContext.getStore();
      if (context !== undefined) {
        config.httpsAgent = context.agent;
        config.signal = context.signal;
        // Traefik's acme.clientTimeout default: a CA that never answers must not hold an order forever.
        config.timeout = ACME_REQUEST_TIMEOUT_MS;
      }
      return config;
    });
    return acme;
  });
  return loaded;
}
