/**
 * One ACME resolver as the manager tracks it: its certificate records, the certificates the TLS
 * routers want from it and the TLS stores using them as default. Here: loading the records from
 * `acme.json`, matching them to what the routers want, and handing them to the certificate store.
 * The order queue, retries and timers stay in `manager.ts`.
 */
import { resolve as resolvePath } from 'node:path';
import type { AcmeResolverOptions } from '../options/types';
import type { CertificateError, CertificateStore } from '../tls/types';
import { allNames, covers, domainsKey, unorderable } from './domains';
import { type Entry, readNotAfter, storeUpdate } from './entries';
import { AcmeResolver, type AcmeResolverDeps, type CertificateDomains } from './resolver';
import type { AcmeLogger, AcmeTiming } from './settings';
import { AcmeStorage } from './storage';

/** The manager's record of one resolver. */
export interface ResolverState {
  readonly resolver: AcmeResolver;
  readonly entries: Map<string, Entry>;
  wanted: ReadonlyMap<string, CertificateDomains>;
  /** Certificate key → TLS stores using it as their default (`defaultGeneratedCert`). */
  defaults: ReadonlyMap<string, readonly string[]>;
  /** Set when the resolver cannot work at all (storage refused, CA files unreadable). */
  broken?: CertificateError;
  /** What was last handed to the store, to skip unchanged updates. */
  published?: string;
}

/**
 * A fresh record (no certificates yet) for the resolver `options` describe; resolvers naming the
 * same storage file share one {@link AcmeStorage} through `storages` (path → storage).
 * `broken` is set when its configuration or the CA trust cannot work.
 */
export function newResolverState(
  options: AcmeResolverOptions,
  storages: Map<string, AcmeStorage>,
  deps: Pick<AcmeResolverDeps, 'handlers' | 'agent'>,
  timing: AcmeTiming,
  broken: CertificateError | undefined,
): ResolverState {
  const path = resolvePath(options.storage);
  let storage = storages.get(path);
  if (storage === undefined) storages.set(path, (storage = new AcmeStorage(path)));
  const resolver = new AcmeResolver(options, {
    storage,
    handlers: deps.handlers,
    agent: deps.agent,
    ...(timing.poll === undefined ? {} : { poll: timing.poll }),
    ...(timing.challengeDelayMs === undefined ? {} : { challengeDelayMs: timing.challengeDelayMs }),
  });
  return {
    resolver,
    entries: new Map(),
    wanted: new Map(),
    defaults: new Map(),
    ...(broken === undefined ? {} : { broken }),
  };
}

/** Adds the certificates of the resolver's storage file; a storage it cannot use marks the resolver broken (logged). */
export async function loadStored(state: ResolverState, logger: AcmeLogger): Promise<void> {
  try {
    for (const stored of await state.resolver.load()) {
      const domains: CertificateDomains = { main: stored.domain.main, sans: stored.domain.sans ?? [] };
      const entry: Entry = { domains, stored, failures: 0, retryAt: 0, state: 'idle' };
      const notAfter = readNotAfter(stored);
      if (notAfter !== undefined) entry.notAfter = notAfter;
      state.entries.set(domainsKey(domains), entry);
    }
  } catch (error) {
    state.broken = {
      code: (error as { code?: string }).code ?? 'LB_ACME_STORAGE_INVALID',
      message: (error as Error).message,
    };
    logger.error(
      { resolver: state.resolver.name, err: state.broken },
      'ACME: cannot use the storage file; this resolver will not order',
    );
  }
}

/**
 * Records what the routers want from this resolver (`wanted`, with `defaults`: certificate key →
 * stores naming it `defaultGeneratedCert`) and passes each wanted certificate that no held one
 * covers to `order`, in turn; a wildcard it cannot order is marked in error instead.
 */
export function assignWanted(
  state: ResolverState,
  wanted: ReadonlyMap<string, CertificateDomains>,
  defaults: ReadonlyMap<string, readonly string[]> | undefined,
  order: (entry: Entry) => void,
): void {
  state.wanted = wanted;
  const storeDefaults = new Map<string, string[]>();
  for (const [key, domains] of state.wanted) {
    const holder = [...state.entries].find(
      ([, e]) => e.stored !== undefined && covers(allNames(e.stored.domain), domains),
    )?.[0];
    const stores = defaults?.get(key) ?? [];
    if (stores.length > 0) storeDefaults.set(holder ?? key, [...(storeDefaults.get(holder ?? key) ?? []), ...stores]);
    if (holder !== undefined) continue;
    let entry = state.entries.get(key);
    if (entry === undefined) state.entries.set(key, (entry = { domains, failures: 0, retryAt: 0, state: 'idle' }));
    const reason = unorderable(domains);
    if (reason !== undefined) entry.error = { code: 'LB_ACME_WILDCARD_NEEDS_DNS', message: reason };
    else order(entry);
  }
  state.defaults = storeDefaults;
}

/** Puts the resolver's certificates into the store and reports its pending and failed domains (when changed). */
export function publishState(state: ResolverState, certificates: CertificateStore): void {
  const owner = `acme:${state.resolver.name}`;
  const update = storeUpdate(
    state.resolver.name,
    state.resolver.options.storage,
    state.entries,
    state.wanted,
    state.broken,
    state.defaults,
  );
  const signature = JSON.stringify([update.inputs.map((i) => [i.id, i.certPem]), update.pending]);
  if (signature === state.published) return;
  state.published = signature;
  certificates.replace(owner, update.inputs);
  certificates.setPending(owner, update.pending);
}
