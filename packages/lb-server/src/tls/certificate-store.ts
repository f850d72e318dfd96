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
 * error beside it; errors are logged once per new error. The name index is built in
 * `certificate-index.ts`, the API's view of each certificate in `certificate-info.ts`.
 */
import type { SecureContext } from 'node:tls';
import { nodeTls } from '../lazy-builtins';
import { checkCertificate } from './certificate-check';
import {
  buildIndex,
  DEFAULT_STORE,
  type ServedCertificate,
  type StoreEntry,
  type StoreIndex,
} from './certificate-index';
import { entryInfo, generatedInfo, pendingInfo } from './certificate-info';
import { generateDefaultCertificate, type PemPair } from './default-certificate';
import type { CertificateInfo, CertificateInput, CertificateStore, PendingCertificate } from './types';

export type { ServedCertificate } from './certificate-index';

/** Where the store logs refused certificates. */
export interface StoreLogger {
  warn(obj: object, msg: string): void;
}

/** Normalises an SNI name: lower case, without a trailing dot. */
export function normalizeServerName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** The store (see module comment). Build it with {@link createCertificateStore}. */
export class TlsCertificateStore implements CertificateStore {
  readonly #owners = new Map<string, Map<string, StoreEntry>>();
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
    const previous = this.#owners.get(owner) ?? new Map<string, StoreEntry>();
    const next = new Map<string, StoreEntry>();
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
    return [...next.values()].map((entry) => entryInfo(entry, now));
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
      for (const entry of entries.values()) infos.push(entryInfo(entry, now));
    for (const pending of this.#pending.values()) for (const p of pending) infos.push(pendingInfo(p));
    const serving = !this.#index.has(DEFAULT_STORE) || this.#index.get(DEFAULT_STORE)?.fallback === undefined;
    infos.push(generatedInfo(this.#generated, serving, now));
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
    this.#challenges.set(normalizeServerName(domain), nodeTls().createSecureContext({ cert: certPem, key: keyPem }));
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

  #rebuild(): void {
    this.#index = buildIndex(this.#owners.values());
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** Creates a store with a freshly generated default certificate. */
export async function createCertificateStore(logger?: StoreLogger): Promise<TlsCertificateStore> {
  return new TlsCertificateStore(await generateDefaultCertificate(), logger);
}
