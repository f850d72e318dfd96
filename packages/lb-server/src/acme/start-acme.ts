/**
 * ACME's wiring for `serve.ts`, in two steps: {@link acmeHttpChallenges} before the app is built
 * (which entry points answer `/.well-known/acme-challenge/`, and the token map they read; no
 * ACME library loaded), and {@link startAcme} once the certificate store and the runtime store
 * exist. Nothing is loaded when no resolver is configured (idle memory). A resolver whose
 * configuration cannot work (no challenge, an `httpChallenge.entryPoint` that does not exist) is
 * reported — logged with its code, its domains listed in error — and the others still work.
 */
import type { AcmeResolverOptions, StaticOptions } from '../options/types';
import type { RuntimeStore } from '../runtime/runtime-store';
import type { CertificateError, CertificateStore } from '../tls/types';
import type { BroadcastChannel } from '../cluster/member';
import { HttpChallengeTokenMap } from './challenges';
import { broadcastingAcme, CLUSTER_CHALLENGE_DELAY_MS, followAcme } from './cluster-sync';
import type { AcmeLogger, AcmeManager, AcmeTiming } from './manager';

/** The HTTP-01 side of ACME: the entry points serving challenges, and the tokens they answer with. */
export interface AcmeHttpChallenges {
  readonly entryPoints: ReadonlySet<string>;
  readonly tokens: HttpChallengeTokenMap;
}

/** The HTTP-01 wiring for `buildApp`, or `undefined` when no resolver uses HTTP-01. */
export function acmeHttpChallenges(options: StaticOptions): AcmeHttpChallenges | undefined {
  const entryPoints = new Set<string>();
  for (const r of Object.values(options.certificatesResolvers)) {
    if (r.httpChallenge !== undefined && options.entryPoints[r.httpChallenge.entryPoint] !== undefined)
      entryPoints.add(r.httpChallenge.entryPoint);
  }
  return entryPoints.size === 0 ? undefined : { entryPoints, tokens: new HttpChallengeTokenMap() };
}

/** Why a resolver cannot work with these static options, or `undefined`. */
export function resolverProblem(resolver: AcmeResolverOptions, options: StaticOptions): CertificateError | undefined {
  const where = `certificatesResolvers.${resolver.name}.acme`;
  if (resolver.httpChallenge === undefined && !resolver.tlsChallenge) {
    return {
      code: 'LB_ACME_NO_CHALLENGE',
      message: `${where}: no challenge configured; set httpChallenge.entryPoint or tlsChallenge (Junction offers no DNS-01)`,
    };
  }
  if (resolver.httpChallenge !== undefined && options.entryPoints[resolver.httpChallenge.entryPoint] === undefined) {
    return {
      code: 'LB_ACME_UNKNOWN_ENTRYPOINT',
      message: `${where}.httpChallenge.entryPoint: no entry point named ${resolver.httpChallenge.entryPoint}`,
    };
  }
  return undefined;
}

/** What {@link startAcme} needs. */
export interface StartAcmeDeps {
  readonly options: StaticOptions;
  /** The certificate store, asked for only when a resolver is configured (making it takes a moment). */
  readonly certificates: () => CertificateStore | Promise<CertificateStore>;
  readonly runtime: RuntimeStore;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: AcmeLogger;
  /** From {@link acmeHttpChallenges}; a fresh map when absent. */
  readonly http?: AcmeHttpChallenges | undefined;
  readonly timing?: Partial<AcmeTiming>;
  /** In a `--workers` cluster: worker 0 (`leader`) orders and broadcasts, the others follow (`cluster-sync.ts`). */
  readonly cluster?: { readonly channel: BroadcastChannel; readonly leader: boolean } | undefined;
}

/**
 * Starts the ACME manager, or resolves `undefined` when no resolver is configured or this process
 * is a cluster worker other than 0 (it then follows worker 0's changes). Never rejects.
 */
export async function startAcme(deps: StartAcmeDeps): Promise<AcmeManager | undefined> {
  const resolvers = Object.values(deps.options.certificatesResolvers);
  if (resolvers.length === 0) return undefined;
  let certificates = await deps.certificates();
  let tokens = deps.http?.tokens ?? new HttpChallengeTokenMap();
  let timing = deps.timing;
  if (deps.cluster !== undefined) {
    if (!deps.cluster.leader) {
      followAcme(deps.cluster.channel, certificates, tokens);
      return undefined;
    }
    ({ certificates, tokens } = broadcastingAcme(deps.cluster.channel, certificates, tokens));
    timing = { challengeDelayMs: CLUSTER_CHALLENGE_DELAY_MS, ...timing };
  }
  const problems = new Map<string, CertificateError>();
  for (const r of resolvers) {
    const problem = resolverProblem(r, deps.options);
    if (problem === undefined) continue;
    problems.set(r.name, problem);
    deps.logger.error({ resolver: r.name, code: problem.code }, problem.message);
  }
  const { AcmeManager: Manager } = await import('./manager');
  const manager = new Manager({
    resolvers,
    problems,
    certificates,
    tokens,
    env: deps.env,
    logger: deps.logger,
    ...(timing === undefined ? {} : { timing }),
  });
  await manager.start(deps.runtime);
  return manager;
}
