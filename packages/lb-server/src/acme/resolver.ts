/**
 * One ACME certificate resolver (`certificatesResolvers.<name>.acme`): its account (the stored
 * one reused, else an RSA 4096 key registered with the resolver's email, terms agreed, EAB when
 * configured — and re-registered, as Traefik does, when the stored account belongs to another CA
 * host) and its orders, through acme-client's `auto` (one order per certificate: `main` plus
 * `sans`). The library's own pre-check of the challenge is off (`skipChallengeVerification`): it
 * resolves the domain through the system resolver, which is neither what the CA sees nor
 * reachable everywhere. Challenges: HTTP-01 when `httpChallenge` is set, TLS-ALPN-01 when
 * `tlsChallenge` is (HTTP-01 first when both are).
 */
import type { Agent } from 'node:https';
import type { Client } from 'acme-client';
import type { AcmeResolverOptions } from '../options/types';
import { acmeContext, loadAcme } from './ca-trust';
import type { ChallengeHandlers } from './challenges';
import { accountKeyPem, createAccountKey, createCertificateKey, createChallengeKey, legoKeyType } from './keys';
import type { AcmeStorage, StoredAccount, StoredCertificate } from './storage';

/** The domains of one certificate: `main` is its common name, `sans` the other names. */
export interface CertificateDomains {
  readonly main: string;
  readonly sans: readonly string[];
}

/** Dependencies of {@link AcmeResolver}. */
export interface AcmeResolverDeps {
  readonly storage: AcmeStorage;
  readonly handlers: ChallengeHandlers;
  /** The agent trusting the CA; `undefined` when its CA files could not be read (orders then fail). */
  readonly agent: Agent | undefined;
  /** Wait after publishing a challenge before telling the CA (a cluster's other workers must have it). */
  readonly challengeDelayMs?: number;
  /** acme-client's poll interval bounds while the CA validates (ms). */
  readonly poll?: { readonly minMs: number; readonly maxMs: number };
}

/** One resolver's account and orders (see module comment). */
export class AcmeResolver {
  #client: Client | undefined;
  #account: StoredAccount | null = null;
  #accountReady: Promise<void> | undefined;

  constructor(
    readonly options: AcmeResolverOptions,
    private readonly deps: AcmeResolverDeps,
  ) {}

  get name(): string {
    return this.options.name;
  }

  /** The stored certificates of this resolver (reads the storage file; throws `AcmeStorageError`). */
  async load(): Promise<readonly StoredCertificate[]> {
    const data = await this.deps.storage.read(this.name);
    this.#account = data.Account;
    if (this.#account?.Registration != null && !sameHost(this.#account.Registration.uri, this.options.caServer)) {
      // Traefik: "Account URI does not match the current CAServer. The account will be reset."
      this.#account = null;
    }
    return data.Certificates ?? [];
  }

  /**
   * Orders one certificate for `domains` and stores it in `acme.json`; `signal` aborts the order.
   * A failed write does not lose the certificate: it is returned with `saveError` (as Traefik, which
   * logs the write error and serves the certificate).
   */
  async obtain(
    domains: CertificateDomains,
    signal: AbortSignal,
  ): Promise<{ stored: StoredCertificate; saveError?: Error }> {
    const agent = this.deps.agent;
    if (agent === undefined) throw new Error('the CA certificates could not be read');
    return acmeContext.run({ agent, signal }, async () => {
      const acme = await loadAcme();
      await this.#ensureAccount();
      const client = this.#client as Client;
      const keyPem = await createCertificateKey(this.options.keyType);
      const names = [domains.main, ...domains.sans.filter((s) => s !== domains.main)];
      const [, csr] = await acme.crypto.createCsr({ commonName: domains.main, altNames: names }, keyPem);
      const priority = [
        ...(this.options.httpChallenge === undefined ? [] : ['http-01']),
        ...(this.options.tlsChallenge ? ['tls-alpn-01'] : []),
      ];
      const { handlers } = this.deps;
      const certPem = await client.auto({
        csr,
        email: this.options.email,
        termsOfServiceAgreed: true,
        skipChallengeVerification: true,
        challengePriority: priority,
        challengeCreateFn: async (authz, challenge, keyAuthorization) => {
          signal.throwIfAborted();
          const domain = authz.identifier.value;
          if ((challenge.type as string) === 'tls-alpn-01') {
            const [alpnKey, alpnCert] = await acme.crypto.createAlpnCertificate(
              authz,
              keyAuthorization,
              await createChallengeKey(),
            );
            handlers.create(domain, challenge, keyAuthorization, {
              certPem: alpnCert.toString(),
              keyPem: alpnKey.toString(),
            });
          } else {
            handlers.create(domain, challenge as { type: string; token: string }, keyAuthorization);
          }
          const delay = this.deps.challengeDelayMs ?? 0;
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        },
        challengeRemoveFn: async (authz, challenge) => {
          handlers.remove(authz.identifier.value, challenge as { type: string; token: string });
        },
      });
      signal.throwIfAborted();
      const stored: StoredCertificate = {
        domain: { main: domains.main, ...(domains.sans.length === 0 ? {} : { sans: [...domains.sans] }) },
        certificate: Buffer.from(certPem).toString('base64'),
        key: Buffer.from(keyPem).toString('base64'),
        Store: 'default',
      };
      try {
        await this.deps.storage.update(this.name, (current) => ({
          Account: this.#account,
          Certificates: [...(current.Certificates ?? []).filter((c) => !sameDomains(c.domain, domains)), stored],
        }));
      } catch (error) {
        return { stored, saveError: error as Error };
      }
      return { stored };
    });
  }

  #ensureAccount(): Promise<void> {
    this.#accountReady ??= this.#prepareAccount().catch((error: unknown) => {
      this.#accountReady = undefined;
      throw error;
    });
    return this.#accountReady;
  }

  async #prepareAccount(): Promise<void> {
    const acme = await loadAcme();
    const lego = legoKeyType(this.options.keyType) ?? 'P256';
    let account = this.#account;
    let pem: string;
    if (account === null || account.PrivateKey === '') {
      const key = await createAccountKey();
      pem = key.pem;
      account = { Email: this.options.email, Registration: null, PrivateKey: key.stored, KeyType: lego };
    } else {
      pem = accountKeyPem(account.PrivateKey);
    }
    const eab = this.options.eab;
    const client = new acme.Client({
      directoryUrl: this.options.caServer,
      accountKey: pem,
      ...(account.Registration?.uri === undefined ? {} : { accountUrl: account.Registration.uri }),
      ...(eab === undefined ? {} : { externalAccountBinding: { kid: eab.kid, hmacKey: eab.hmacEncoded } }),
      backoffMin: this.deps.poll?.minMs ?? 1000,
      backoffMax: this.deps.poll?.maxMs ?? 10_000,
      backoffAttempts: 12,
    });
    if (account.Registration === null) {
      const body = await client.createAccount({
        termsOfServiceAgreed: true,
        ...(this.options.email === '' ? {} : { contact: [`mailto:${this.options.email}`] }),
      });
      account = {
        ...account,
        Registration: { body: body as unknown as Record<string, unknown>, uri: client.getAccountUrl() },
      };
      const saved = account;
      await this.deps.storage.update(this.name, (current) => ({ Account: saved, Certificates: current.Certificates }));
    }
    this.#account = account;
    this.#client = client;
  }
}

function sameHost(uri: string, caServer: string): boolean {
  try {
    return new URL(uri).host === new URL(caServer).host;
  } catch {
    return false;
  }
}

/** Whether a stored domain is the same certificate as `domains` (main equal, same set of sans). */
export function sameDomains(
  stored: { readonly main: string; readonly sans?: readonly string[] },
  domains: CertificateDomains,
): boolean {
  if (stored.main.toLowerCase() !== domains.main.toLowerCase()) return false;
  const a = new Set((stored.sans ?? []).map((s) => s.toLowerCase()));
  const b = new Set(domains.sans.map((s) => s.toLowerCase()));
  return a.size === b.size && [...a].every((s) => b.has(s));
}
