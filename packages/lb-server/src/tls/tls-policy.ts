/**
 * What a TLS entry point decides per connection, computed once per configuration: whether TLS can
 * happen on an entry point at all (a live TLS router on it, or its static `http.tls`), and which
 * TLS options a handshake gets from its SNI. As Traefik's TCP router: every Host() name of a TLS
 * router on the entry point maps to the router's options; a name claimed by routers with
 * different options gets `default` (logged); a name of no TLS router gets `default`.
 *
 * Profiles (`tls-options.ts`) are built once per configuration change; a refused one keeps its
 * last good profile serving and is logged once per new error. Options that were never valid fail
 * closed: handshakes for the names using them are refused (Traefik disables their routers), never
 * served with weaker options.
 */
import { readFileSync } from 'node:fs';
import type { TlsOptionsConfig } from '@junction/lb-core';
import type { Runtime } from '../runtime/runtime';
import { normalizeServerName } from './certificate-store';
import { buildTlsProfile, isOptionsError, type ReadPem, type TlsOptionsError, type TlsProfile } from './tls-options';

/** Name of the options used when a router names none. */
export const DEFAULT_OPTIONS = 'default';

/** Where refused options and conflicts go. */
export interface PolicyLogger {
  warn(obj: object, msg: string): void;
}

/** The decisions for one configuration (see module comment). */
export interface TlsPolicy {
  /** Entry points where TLS can happen. */
  readonly entryPoints: ReadonlySet<string>;
  /** The options profile of a handshake on `entryPoint` for `serverName`. */
  profileFor(entryPoint: string, serverName: string | undefined): TlsProfile;
  /** Options refused in this configuration (each keeps its last good profile, or `default`'s). */
  readonly errors: readonly TlsOptionsError[];
  /** Keys of the profiles this configuration uses (TLS servers of other keys may go once idle). */
  readonly keys: ReadonlySet<string>;
}

interface HostOptions {
  readonly exact: Map<string, string>;
  readonly wildcard: Map<string, string>;
}

/** Reads a PEM given as a path or inline (Traefik accepts both). */
export const readPemFile: ReadPem = (value) => (value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8'));

/** The stand-in of options that were never valid (see `TlsProfile.refused`). */
function refusedProfile(name: string): TlsProfile {
  return {
    name,
    key: `refused:${name}`,
    context: {},
    clientAuth: 'RequireAndVerifyClientCert',
    alpn: [],
    sniStrict: true,
    refused: true,
  };
}

/** Builds and caches the policy of each runtime (see module comment). */
export class TlsPolicies {
  readonly #byRuntime = new WeakMap<Runtime, TlsPolicy>();
  readonly #lastGood = new Map<string, TlsProfile>();
  readonly #logged = new Map<string, string>();

  constructor(
    /** Entry points with a static `http.tls`: TLS can happen there even before a router exists. */
    private readonly staticTls: ReadonlySet<string>,
    private readonly logger?: PolicyLogger,
    private readonly readPem: ReadPem = readPemFile,
  ) {}

  /** The policy of `runtime`, built on first use. */
  of(runtime: Runtime): TlsPolicy {
    let policy = this.#byRuntime.get(runtime);
    if (policy === undefined) {
      policy = this.#build(runtime);
      this.#byRuntime.set(runtime, policy);
    }
    return policy;
  }

  #profiles(options: Readonly<Record<string, TlsOptionsConfig>>): {
    profiles: Map<string, TlsProfile>;
    errors: TlsOptionsError[];
  } {
    const profiles = new Map<string, TlsProfile>();
    const errors: TlsOptionsError[] = [];
    const all: Record<string, TlsOptionsConfig> = { [DEFAULT_OPTIONS]: {}, ...options };
    for (const [name, config] of Object.entries(all)) {
      const built = buildTlsProfile(name, config, this.readPem);
      if (!isOptionsError(built)) {
        const previous = this.#lastGood.get(name);
        const profile = previous?.key === built.key ? previous : built; // same settings: same contexts
        profiles.set(name, profile);
        this.#lastGood.set(name, profile);
        this.#logged.delete(name);
        continue;
      }
      errors.push(built);
      const kept = this.#lastGood.get(name);
      // Never valid: fail closed. Serving these names with other options could drop a client certificate requirement.
      profiles.set(name, kept ?? refusedProfile(name));
      if (this.#logged.get(name) !== built.message) {
        this.#logged.set(name, built.message);
        this.logger?.warn(
          { code: built.code, path: built.path, keepsServing: kept !== undefined },
          `TLS options ${name} refused at ${built.path}: ${built.message}${kept === undefined ? ' (handshakes for the names using them are refused until they are fixed)' : ' (the previous ones keep serving)'}`,
        );
      }
    }
    return { profiles, errors };
  }

  #build(runtime: Runtime): TlsPolicy {
    const { profiles, errors } = this.#profiles(runtime.tls.options ?? {});
    const fallback =
      profiles.get(DEFAULT_OPTIONS) ?? (buildTlsProfile(DEFAULT_OPTIONS, {}, this.readPem) as TlsProfile);
    const byEntryPoint = new Map<string, HostOptions>();
    const entryPoints = new Set(this.staticTls);
    const conflicts = new Set<string>();
    for (const router of runtime.tlsRouters) {
      for (const ep of router.entryPoints) {
        entryPoints.add(ep);
        let hosts = byEntryPoint.get(ep);
        if (hosts === undefined) {
          hosts = { exact: new Map(), wildcard: new Map() };
          byEntryPoint.set(ep, hosts);
        }
        for (const host of router.hosts) {
          const name = normalizeServerName(host);
          const map = name.startsWith('*.') ? hosts.wildcard : hosts.exact;
          const key = name.startsWith('*.') ? name.slice(2) : name;
          const current = map.get(key);
          if (current !== undefined && current !== router.options) {
            map.set(key, DEFAULT_OPTIONS);
            conflicts.add(name);
          } else if (current === undefined) map.set(key, router.options);
        }
      }
    }
    for (const host of conflicts) {
      const key = `conflict:${host}`;
      if (this.#logged.has(key)) continue;
      this.#logged.set(key, host);
      this.logger?.warn(
        { host },
        `routers on host ${host} name different TLS options: ${DEFAULT_OPTIONS} is used (as Traefik)`,
      );
    }
    return {
      entryPoints,
      errors,
      keys: new Set([fallback.key, ...[...profiles.values()].map((p) => p.key)]),
      profileFor(entryPoint, serverName) {
        const hosts = byEntryPoint.get(entryPoint);
        if (hosts === undefined || serverName === undefined) return fallback;
        const name = normalizeServerName(serverName);
        const dot = name.indexOf('.');
        const optionsName =
          hosts.exact.get(name) ?? (dot > 0 ? hosts.wildcard.get(name.slice(dot + 1)) : undefined) ?? DEFAULT_OPTIONS;
        return profiles.get(optionsName) ?? fallback;
      },
    };
  }
}
