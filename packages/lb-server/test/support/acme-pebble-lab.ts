/**
 * Test support for the ACME tests against Pebble (`test/acme-pebble.*.test.ts`):
 * {@link usePebbleLab} registers the hooks that start one Pebble with challtestsrv
 * (`support/pebble.ts`) and a scratch folder for the test file, and stop them after. Also the
 * Traefik flags of a certificate resolver, dynamic configuration with TLS routers asking it for
 * certificates, a poll until a value appears, and what a Junction serves and has ordered. The
 * exported `lab`, `root` and `dir` are live bindings: they hold the lab's values inside tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { AcmeJunction } from './acme-junction';
import { startPebble, type PebbleLab } from './pebble';

/** The test file's Pebble. */
export let lab: PebbleLab;
/** Pebble's issuing root: verify issued certificates against it. */
export let root: string;
/** The test file's scratch folder (storage files). */
export let dir: string;

/** Registers the hooks that start and stop the lab (see module comment). */
export function usePebbleLab(): void {
  beforeAll(async () => {
    lab = await startPebble();
    root = await lab.root();
    dir = mkdtempSync(join(tmpdir(), 'junction-acme-'));
  });
  afterAll(async () => {
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** Flags of the certificate resolver `name`: its storage, CA and challenge (HTTP-01 on `web`, or TLS-ALPN-01). */
export function resolverFlags(
  name: string,
  storage: string,
  challenge: 'http' | 'tls',
  caServer = lab.directoryUrl,
): string[] {
  return [
    `--certificatesresolvers.${name}.acme.email=ops@example.test`,
    `--certificatesresolvers.${name}.acme.storage=${storage}`,
    `--certificatesresolvers.${name}.acme.caserver=${caServer}`,
    challenge === 'http'
      ? `--certificatesresolvers.${name}.acme.httpchallenge.entrypoint=web`
      : `--certificatesresolvers.${name}.acme.tlschallenge=true`,
  ];
}

/** Dynamic configuration: one TLS router on `websecure` per entry of `hosts`, asking `resolver`. */
export function routers(resolver: string, hosts: readonly string[]): unknown {
  return {
    http: {
      // `a||b` is one router for both names.
      routers: Object.fromEntries(
        hosts.map((h, i) => [
          `r${i}`,
          {
            rule: h
              .split('||')
              .map((n) => `Host(\`${n}\`)`)
              .join(' || '),
            service: 's',
            entryPoints: ['websecure'],
            tls: { certResolver: resolver },
          },
        ]),
      ),
      services: { s: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:9' }] } } },
    },
  };
}

/** Polls `probe` every 100 ms until it gives a value; fails after `ms`. */
export async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The serving ACME certificate whose main domain is `main`. */
export const served = (j: AcmeJunction, main: string) =>
  j.certificates.list().find((c) => c.source === 'acme' && c.domains[0] === main && c.serving);
/** How many orders the Junction has started. */
export const orders = (j: AcmeJunction) => j.logs.filter((l) => l.msg === 'ACME: ordering a certificate').length;
