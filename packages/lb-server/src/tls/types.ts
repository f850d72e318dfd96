/**
 * The contract between Junction's TLS parts: the certificate store that TLS entry points read on
 * every handshake (SNI), the sources that fill it (certificate files of the dynamic
 * configuration, ACME resolvers, the generated default), and the readers that report it (API
 * `/api/certificates`, the dashboard's Certificates view). Types only; the store itself is
 * `certificate-store.ts`.
 *
 * A source owns the certificates it puts: `replace(owner, …)` swaps all of one owner's
 * certificates at once, so a file reload or a renewal never leaves a moment without one. A
 * certificate that fails its checks (unreadable, expired, key mismatch, name not covered) is
 * listed with its error and not served; the last good certificate with the same `id` keeps
 * serving until a good one replaces it.
 */
import type { SecureContext } from 'node:tls';

/** Where a certificate came from. */
export type CertificateSourceKind = 'file' | 'default' | 'generated' | 'acme';

/** What a source hands to the store. */
export interface CertificateInput {
  /** Stable identity across reloads: `file:<certFile>`, `inline:<n>`, `acme:<resolver>:<main>`. */
  readonly id: string;
  readonly source: CertificateSourceKind;
  /** The TLS store it belongs to (Traefik's `tls.stores`); `default` unless set. */
  readonly store?: string;
  /** The ACME resolver that issued it. */
  readonly resolver?: string;
  /** Where it is configured, for error reports (`tls.certificates[0]`, `acme.json`). */
  readonly element?: string;
  /** PEM: the certificate (chain allowed) and its private key. */
  readonly certPem: string;
  readonly keyPem: string;
  /** Names the certificate must cover (ACME domains); a name it does not cover is an error. */
  readonly expectedNames?: readonly string[];
  /** The source could not produce the pair (an unreadable file): refused with this error, the last good one keeps serving. */
  readonly error?: CertificateError;
}

/** Lifecycle of a certificate or of a domain waiting for one. */
export type CertificateState = 'valid' | 'expiring' | 'expired' | 'pending' | 'error';

/** A coded error on a certificate (codes: `LB_TLS_*`). */
export interface CertificateError {
  readonly code: string;
  readonly message: string;
}

/** One certificate (or one domain still waiting for its first certificate), as readers see it. */
export interface CertificateInfo {
  readonly id: string;
  readonly source: CertificateSourceKind;
  readonly store: string;
  readonly resolver?: string;
  readonly element?: string;
  /** Subject common name / main domain first, then the other SANs. */
  readonly domains: readonly string[];
  readonly issuer?: string;
  readonly serialNumber?: string;
  readonly notBefore?: string;
  /** ISO 8601. */
  readonly notAfter?: string;
  /** SHA-256 fingerprint, `AB:CD:…`. */
  readonly fingerprint?: string;
  readonly keyType?: string;
  readonly state: CertificateState;
  /** The last error: a bad file, a failed order (kept while the previous certificate serves). */
  readonly error?: CertificateError;
  /** True when this entry is served (a bad replacement leaves the previous one serving). */
  readonly serving: boolean;
  /**
   * The certificate itself (PEM, leaf first), when there is one: the API's Traefik shape shows
   * what only the certificate holds (issuer organisation, signature algorithm, public key
   * fingerprint, X.509 version). Never the key.
   */
  readonly certPem?: string;
}

/** A status a source reports for a domain it has no certificate for yet (ACME order under way or failed). */
export interface PendingCertificate {
  readonly id: string;
  readonly source: CertificateSourceKind;
  readonly resolver?: string;
  readonly domains: readonly string[];
  readonly state: 'pending' | 'error';
  readonly error?: CertificateError;
}

/** The store every TLS entry point reads (see module comment). */
export interface CertificateStore {
  /** Replaces every certificate of `owner`; returns what was accepted or refused, with errors. */
  replace(owner: string, inputs: readonly CertificateInput[]): readonly CertificateInfo[];
  /** Sets the domains of `owner` that wait for a certificate (replaces the previous list). */
  setPending(owner: string, pending: readonly PendingCertificate[]): void;
  /** Every certificate and pending domain, for the API and the dashboard. */
  list(): readonly CertificateInfo[];
  /**
   * The context for a handshake: exact name, then wildcard (one label), then the store's default
   * (its configured `defaultCertificate`, else the generated one). `undefined` when `strict`
   * (sniStrict) and no name matched: the handshake is refused.
   */
  contextFor(serverName: string | undefined, store: string, strict: boolean): SecureContext | undefined;
  /** TLS-ALPN-01 (RFC 8737): the challenge certificate served to `acme-tls/1` handshakes for `domain`. */
  setAlpnChallenge(domain: string, certPem: string, keyPem: string): void;
  clearAlpnChallenge(domain: string): void;
  alpnChallengeFor(domain: string): SecureContext | undefined;
  /** Called after every change (the dashboard's live view). Returns an unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** HTTP-01 (RFC 8555 §8.3): key authorizations served at `/.well-known/acme-challenge/<token>`. */
export interface HttpChallengeTokens {
  /** The key authorization for `token` (any host), if one is pending. */
  get(token: string): string | undefined;
}
