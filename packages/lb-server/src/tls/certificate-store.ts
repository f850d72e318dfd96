/**
 * The certificate store every TLS entry point reads on each handshake (`CertificateStore` of
 * `types.ts`). Sources (file certificates, ACME resolvers) `replace` their certificates by owner;
 * each pair is checked once (`certificate-check.ts`) and its secure context built then, so a
 * handshake only looks names up in maps.
 *
 * SNI lookup, per TLS store (Traefik's `tls.stores`, unknown stores read `default`): the exact
 * name, then a one-label wildcard (`*.example.com` serves `a.example.com`, not `a.b.example.com`
 * nor `example.com`), then the store's configured `defaultCertificate`, then the generated
 * "JUNCTION DEFAULT CERT"; with `strict` (sniStrict) an unmatched name gets nothing and the
 * handshake is refused. Several certificates for one name: a file one before an ACME one (as a
 * configured certificate overrides Traefik's ACME one), then the one that expires last.
 *
 * A refused replacement keeps the previous good certificate with the same id serving, with the
 * error beside it; errors are logged once per new error.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import { checkCertificate, EXPIRING_DAYS, type CheckedCertificate } from './certificate-check';
import { generateDefaultCertificate, type PemPair } from './default-certificate';
import type {
  CertificateError,
  CertificateInfo,
  CertificateInput,
  CertificateSourceKind,
  CertificateState,
  CertificateStore,
  PendingCertificate,
} from './types';

/** Where the store logs refused certificates. */
export interface StoreLogger {
  warn(obj: object, msg: string): void;
}

/** The certificate chosen for a handshake; `cert` is stable while served (a cache key for per-options contexts). */
export interface ServedCertificate {
  readonly id: string;
  readonly source: CertificateSourceKind;
  readonly cert: CheckedCertificate;
}

interface Entry {
  readonly input: CertificateInput;
  /** The good pair served under this id (the last good one when `error` is set). */
  readonly served: ServedCertificate | undefined;
  readonly error: CertificateError | undefined;
}

interface StoreIndex {
  readonly exact: Map<string, ServedCertificate>;
  readonly wildcard: Map<string, ServedCertificate>;
  readonly fallback: ServedCertificate | undefined;
}

const SOURCE_RANK: Readonly<Record<CertificateSourceKind, number>> = { file: 0, acme: 1, default: 2, generated: 3 };
const DAY_MS = 24 * 3600 * 1000;
const DEFAULT_STORE = 'default';

/** Normalises an SNI name: lower case, without a trailing dot. */
export function normalizeServerName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function better(a: ServedCertificate, b: ServedCertificate): boolean {
  const rank = SOURCE_RANK[a.source] - SOURCE_RANK[b.source];
  return rank !== 0 ? rank < 0 : a.cert.notAfterMs > b.cert.notAfterMs;
}

function stateOf(cert: CheckedCertificate, now: number): CertificateState {
  if (cert.notAfterMs <= now) return 'expired';
  return cert.notAfterMs - now <= EXPIRING_DAYS * DAY_MS ? 'expiring' : 'valid';
}

/** The store (see module comment). Build it with {@link createCertificateStore}. */
export class TlsCertificateStore implements CertificateStore {
  readonly #owners = new Map<string, Map<string, Entry>>();
  readonly #pending = new Map<string, readonly PendingCertificate[]>();
  readonly #challenges = new Map<string, SecureContext>();
  readonly #listeners = new Set<() => void>();
  readonly #generated: ServedCertificate;
  #index = new Map<string, StoreIndex>();

  /** `generated`: the pair served when nothing else matches (see `generateDefaultCertificate`). */
  constructor(
    generated: PemPair,
    private readonly logger?: StoreLogger,
  ) {
    const checked = checkCertificate(generated.certPem, generated.keyPem);
    if (!checked.ok) throw new Error(`generated default certificate refused: ${checked.error.message}`);
    this.#generated = { id: 'generated:default', source: 'generated', cert: checked.cert };
    this.#rebuild();
  }

  replace(owner: string, inputs: readonly CertificateInput[]): readonly CertificateInfo[] {
    const previous = this.#owners.get(owner) ?? new Map<string, Entry>();
    const next = new Map<string, Entry>();
    for (const input of inputs) {
      const before = previous.get(input.id);
      const reused =
        before?.served !== undefined &&
        before.error === undefined &&
        before.served.cert.certPem === input.certPem &&
        before.served.cert.keyPem === input.keyPem;
      if (reused) {
        next.set(input.id, { input, served: before.served, error: undefined });
        continue;
      }
      const result =
        input.error === undefined
          ? checkCertificate(input.certPem, input.keyPem, input.expectedNames)
          : { ok: false as const, error: input.error };
      if (result.ok) {
        next.set(input.id, {
          input,
          served: { id: input.id, source: input.source, cert: result.cert },
          error: undefined,
        });
        continue;
      }
      next.set(input.id, { input, served: before?.served, error: result.error });
      if (before?.error?.message !== result.error.message) {
        this.logger?.warn(
          {
            certificate: input.id,
            element: input.element,
            code: result.error.code,
            keepsServing: before?.served !== undefined,
          },
          `certificate ${input.element ?? input.id} refused: ${result.error.message}${before?.served === undefined ? '' : ' (the previous one keeps serving)'}`,
        );
      }
    }
    if (inputs.length === 0) this.#owners.delete(owner);
    else this.#owners.set(owner, next);
    this.#rebuild();
    this.#changed();
    const now = Date.now();
    return [...next.values()].map((entry) => this.#info(entry, now));
  }

  setPending(owner: string, pending: readonly PendingCertificate[]): void {
    if (pending.length === 0) this.#pending.delete(owner);
    else this.#pending.set(owner, pending);
    this.#changed();
  }

  list(): readonly CertificateInfo[] {
    const now = Date.now();
    const infos: CertificateInfo[] = [];
    for (const entries of this.#owners.values())
      for (const entry of entries.values()) infos.push(this.#info(entry, now));
    for (const pending of this.#pending.values()) {
      for (const p of pending) {
        infos.push({
          id: p.id,
          source: p.source,
          store: DEFAULT_STORE,
          domains: p.domains,
          state: p.state,
          serving: false,
          ...(p.resolver === undefined ? {} : { resolver: p.resolver }),
          ...(p.error === undefined ? {} : { error: p.error }),
        });
      }
    }
    const g = this.#generated.cert;
    infos.push({
      id: this.#generated.id,
      source: 'generated',
      store: DEFAULT_STORE,
      domains: g.domains,
      issuer: g.issuer,
      serialNumber: g.serialNumber,
      notBefore: g.notBefore,
      notAfter: g.notAfter,
      fingerprint: g.fingerprint,
      keyType: g.keyType,
      certPem: g.certPem,
      state: stateOf(g, now),
      serving: !this.#index.has(DEFAULT_STORE) || this.#index.get(DEFAULT_STORE)?.fallback === undefined,
    });
    return infos;
  }

  contextFor(serverName: string | undefined, store: string, strict: boolean): SecureContext | undefined {
    return this.certificateFor(serverName, store, strict)?.cert.context;
  }

  /** The certificate {@link contextFor} serves, for entry points that add TLS options to its context. */
  certificateFor(serverName: string | undefined, store: string, strict: boolean): ServedCertificate | undefined {
    const index = this.#index.get(store) ?? this.#index.get(DEFAULT_STORE);
    if (serverName !== undefined && serverName !== '' && index !== undefined) {
      const name = normalizeServerName(serverName);
      const exact = index.exact.get(name);
      if (exact !== undefined) return exact;
      const dot = name.indexOf('.');
      const wildcard = dot > 0 ? index.wildcard.get(name.slice(dot + 1)) : undefined;
      if (wildcard !== undefined) return wildcard;
    }
    if (strict) return undefined;
    return index?.fallback ?? this.#generated;
  }

  setAlpnChallenge(domain: string, certPem: string, keyPem: string): void {
    // Challenge certificates are self-signed for RFC 8737 and checked by the CA, not here.
    this.#challenges.set(normalizeServerName(domain), createSecureContext({ cert: certPem, key: keyPem }));
  }

  clearAlpnChallenge(domain: string): void {
    this.#challenges.delete(normalizeServerName(domain));
  }

  alpnChallengeFor(domain: string): SecureContext | undefined {
    return this.#challenges.get(normalizeServerName(domain));
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #info(entry: Entry, now: number): CertificateInfo {
    const { input, served, error } = entry;
    const base = {
      id: input.id,
      source: input.source,
      store: input.store ?? DEFAULT_STORE,
      ...(input.resolver === undefined ? {} : { resolver: input.resolver }),
      ...(input.element === undefined ? {} : { element: input.element }),
      ...(error === undefined ? {} : { error }),
    };
    if (served === undefined) return { ...base, domains: input.expectedNames ?? [], state: 'error', serving: false };
    const c = served.cert;
    return {
      ...base,
      domains: c.domains,
      issuer: c.issuer,
      serialNumber: c.serialNumber,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      fingerprint: c.fingerprint,
      keyType: c.keyType,
      certPem: c.certPem,
      state: error === undefined ? stateOf(c, now) : 'error',
      serving: true,
    };
  }

  #rebuild(): void {
    const index = new Map<string, StoreIndex>();
    const of = (store: string): StoreIndex => {
      let found = index.get(store);
      if (found === undefined) {
        found = { exact: new Map(), wildcard: new Map(), fallback: undefined };
        index.set(store, found);
      }
      return found;
    };
    const put = (map: Map<string, ServedCertificate>, key: string, served: ServedCertificate): void => {
      const current = map.get(key);
      if (current === undefined || better(served, current)) map.set(key, served);
    };
    for (const entries of this.#owners.values()) {
      for (const { input, served } of entries.values()) {
        if (served === undefined) continue;
        const target = of(input.store ?? DEFAULT_STORE);
        if (input.source === 'default') {
          if (target.fallback === undefined) index.set(input.store ?? DEFAULT_STORE, { ...target, fallback: served });
          continue;
        }
        for (const name of served.cert.names) {
          if (name.startsWith('*.')) put(target.wildcard, name.slice(2), served);
          else put(target.exact, name, served);
        }
      }
    }
    this.#index = index;
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** Creates a store with a freshly generated default certificate. */
export async function createCertificateStore(logger?: StoreLogger): Promise<TlsCertificateStore> {
  return new TlsCertificateStore(await generateDefaultCertificate(), logger);
}
