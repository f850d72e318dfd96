/**
 * Trust for the connection to the ACME directory. A private CA (Pebble, step-ca, an internal
 * Boulder) is trusted through lego's `LEGO_CA_CERTIFICATES` — PEM files separated by commas or the
 * OS path separator, as Traefik documents — and through Node's `NODE_EXTRA_CA_CERTS`, on top of
 * Node's bundled roots. `LEGO_CA_SERVER_NAME` overrides the name checked in the CA's certificate,
 * as lego's does.
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

/** The CA certificates to trust beyond Node's roots, from the environment (see module comment). */
export function extraCaCertificates(env: Readonly<Record<string, string | undefined>>): string[] {
  const files: { name: string; path: string }[] = [];
  for (const path of (env.LEGO_CA_CERTIFICATES ?? '').split(',').flatMap((p) => p.split(delimiter))) {
    if (path.trim() !== '') files.push({ name: 'LEGO_CA_CERTIFICATES', path: path.trim() });
  }
  if (env.NODE_EXTRA_CA_CERTS !== undefined && env.NODE_EXTRA_CA_CERTS !== '') files.push({ name: 'NODE_EXTRA_CA_CERTS', path: env.NODE_EXTRA_CA_CERTS });
  return files.map(({ name, path }) => {
    try {
      const pem = readFileSync(path, 'utf8');
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
      return pem;
    } catch (error) {
      throw new AcmeTrustError(`${name}: cannot use ${path}: ${(error as Error).message}`);
    }
  });
}

/** The agent for the ACME directory (keep-alive, Node's roots plus the extra CAs). */
export function acmeAgent(env: Readonly<Record<string, string | undefined>>): Agent {
  const extra = extraCaCertificates(env);
  const serverName = env.LEGO_CA_SERVER_NAME;
  return new Agent({
    keepAlive: true,
    maxSockets: 4,
    ...(extra.length === 0 ? {} : { ca: [...rootCertificates, ...extra] }),
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
    const acme = ((imported as { default?: AcmeModule }).default ?? imported);
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
