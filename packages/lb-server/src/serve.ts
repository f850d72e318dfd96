/**
 * Serving, for a single process and for each worker of a cluster: metrics → providers → app
 * (runtime store, entry points) → dashboard → watcher, listen on every entry point, then on
 * SIGTERM/SIGINT (a worker: when its primary asks) shut down gracefully: `/ping` answers 503,
 * listeners stop accepting, in-flight requests and WebSockets get
 * `transport.lifeCycle.graceTimeOut`, then 0. `main.ts` loads it only in a process that serves,
 * so a cluster's primary does not load Fastify, undici or the dashboard.
 *
 * With the API enabled, the dashboard (`createDashboard`) sits between the watcher and the
 * runtime store (its `apply` adds the runtime overrides: drains, weights, strategies), receives
 * every proxied exchange's per-server figures, and is served on `traefik` beside the API. The
 * dashboard's container management uses the Docker provider's client; the providers' drains go
 * to the runtime store. This module only composes: each part owns its own wiring.
 */
import { readFileSync } from 'node:fs';
import type { DynamicConfig } from '@junction/lb-core';
import { pino } from 'pino';
import { acmeHttpChallenges, startAcme } from './acme/start-acme';
import { buildApp } from './app';
import type { Dashboard } from './dashboard/create-dashboard';
import type { DashboardSettings } from './dashboard/dashboard-options';
import type { ServerStatsCounter, ServerStatsSink } from './runtime/server-stats-sink';
import { resolveStateFile } from './dashboard/state-file-path';
import type { Metrics } from './metrics/metrics';
import { type StaticOptions } from './options';
import { createAccessLog, type AccessLog } from './proxy/access-log';
import { upstreamTls, type UpstreamTls } from './tls/upstream-tls';
import { compactAfterReload } from './runtime/compact-after-reload';
import { keepTickObjectShape } from './v8-gc';
import type { IncomingError } from './runtime/error-book';
import { lateCertificateSource } from './api/late-certificates';
import { internalRoutes } from './server/internal-routes';
import { drainEntryPoint, listenEntryPoint } from './server/listen';
import { connectProviders } from './server/providers';
import { buildProviders, type BuiltProviders } from './server/build-providers';

import type { ClusterWorker } from './cluster/worker';
import type { Logger } from './log';
import type { MainDeps } from './main';

/** Prometheus metrics, when on; prom-client is loaded only then. */
async function buildMetrics(options: StaticOptions): Promise<Metrics | undefined> {
  const p = options.metrics.prometheus;
  if (p === undefined) return undefined;
  const { createMetrics } = await import('./metrics/metrics');
  return createMetrics({
    buckets: p.buckets,
    addEntryPointsLabels: p.addEntryPointsLabels,
    addRoutersLabels: p.addRoutersLabels,
    addServicesLabels: p.addServicesLabels,
  });
}

function buildAccessLog(options: StaticOptions): { log: AccessLog; flush: () => void } | undefined {
  const a = options.accessLog;
  if (a === undefined) return undefined;
  const sink = pino.destination({ dest: a.filePath ?? 1, sync: false, mkdir: a.filePath !== undefined });
  return { log: createAccessLog({ format: a.format, sink }), flush: () => sink.flushSync() };
}

/** The counter before the dashboard exists: records nothing, and is retired, so it is asked for again. */
const UNCOUNTED: ServerStatsCounter = Object.freeze({ record: () => undefined, retired: true });

/** The dashboard's settings (`--api.*`), or `undefined` when the API is off. */
function dashboardSettings(options: StaticOptions): DashboardSettings | undefined {
  const api = options.api;
  if (api === undefined) return undefined;
  return {
    insecure: api.insecure,
    ...(api.users === undefined ? {} : { users: api.users }),
    ...(api.usersFile === undefined ? {} : { usersFile: api.usersFile }),
    ...(api.token === undefined ? {} : { token: api.token }),
    ...(api.tokenFile === undefined ? {} : { tokenFile: api.tokenFile }),
  };
}

/** What {@link serve} needs from `main`. */
export interface ServeContext {
  readonly options: StaticOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly deps: MainDeps;
  readonly logger: Logger;
  /** This process's cluster membership, when it is a worker. */
  readonly member: ClusterWorker | undefined;
  /** Junction's version (the API's `/api/version`). */
  readonly version: string;
}

/** Serves until stopped; resolves with the exit code (see module comment). */
export async function serve(context: ServeContext): Promise<number> {
  const { options, env, deps, logger, member } = context;
  const metrics = await buildMetrics(options);
  // Listed by the API; built below, once the app's store can take the providers' drains.
  let built: BuiltProviders = { providers: [], docker: undefined };
  const accessLog = buildAccessLog(options);
  const settings = dashboardSettings(options);
  // The dashboard needs the app's store, and the app's entry points feed the dashboard: both
  // are read late (stats per exchange, plugins at listen), once `dashboard` is set below.
  let dashboard: Dashboard | undefined;
  const serverStats: ServerStatsSink = {
    counter: (service, server) => dashboard?.stats.counter(service, server) ?? UNCOUNTED,
  };
  const readText = (path: string): string => readFileSync(path, 'utf8');
  let tls: UpstreamTls | undefined;
  try {
    tls = upstreamTls(options.serversTransport, readText);
  } catch (error) {
    // A CA file that cannot be used: every https:// server would fail its check.
    process.stderr.write(`junction: ${(error as Error).message}\n`);
    return 2;
  }
  // ACME HTTP-01: the challenge route on each resolver's httpChallenge.entryPoint (no ACME library loaded).
  const acmeHttp = acmeHttpChallenges(options);
  // The API and the dashboard list the certificate store once TLS makes it (they never make it).
  const certificates = lateCertificateSource();
  const app = buildApp({
    options,
    logger,
    onCertificateStore: (made) => certificates.attach(made),
    ...(acmeHttp === undefined ? {} : { acmeHttpChallenge: acmeHttp }),
    ...(metrics === undefined ? {} : { metrics }),
    ...(accessLog === undefined ? {} : { accessLog: accessLog.log }),
    ...(settings === undefined ? {} : { serverStats }),
    readFile: readText,
    transport: {
      dialTimeoutMs: options.serversTransport.dialTimeout,
      responseHeaderTimeoutMs: options.serversTransport.responseHeaderTimeout,
      idleConnTimeoutMs: options.serversTransport.idleConnTimeout,
      tls,
    },
    internal: internalRoutes({
      options,
      metrics,
      ...(member === undefined || metrics === undefined ? {} : { metricsSource: member.metricsSource(metrics) }),
      version: { version: context.version, codename: 'junction', startDate: new Date() },
      providers: () => Object.fromEntries(built.providers.map((p) => [p.name, p.status?.()])),
      dashboard: () => dashboard,
      logger,
      certificates,
    }),
  });
  try {
    built = await buildProviders(options, env, logger, app.store);
  } catch (error) {
    // A static option only the provider can check (Docker endpoint, TLS files, defaultRule, constraints).
    process.stderr.write(`junction: ${(error as Error).message}\n`);
    await app.close();
    return 2;
  }
  const { providers, docker } = built;
  if (settings !== undefined) {
    // Loaded only with the API on (credentials, override store and its persistence).
    const { createDashboard } = await import('./dashboard/create-dashboard');
    try {
      dashboard = createDashboard({
        store: app.store,
        settings,
        env,
        readText,
        logger,
        stateFile: {
          ...resolveStateFile(options.api?.stateFile, env, process.cwd()),
          ...(member?.writesState === false ? { readOnly: true } : {}),
        },
        ...(docker === undefined ? {} : { docker }),
        ...(deps.dashboardAssetsDir === undefined ? {} : { assetsDir: deps.dashboardAssetsDir }),
      });
    } catch (error) {
      // Unusable credentials: a plain-text password, a short token, an unreadable file.
      process.stderr.write(`junction: ${(error as Error).message}\n`);
      await app.close();
      return 2;
    }
  }
  const publish = dashboard;
  member?.attach(dashboard);

  // Large reloads leave V8 holding their peak; given back once reloads are quiet. Collections at
  // idle would free the shape of Node's tick objects and slow all later traffic: one is kept.
  keepTickObjectShape();
  const stopCompacting = compactAfterReload(app.store, { logger });
  const connected = await connectProviders({
    store: app.store,
    providers,
    throttleMs: options.providers.providersThrottleDuration,
    logger,
    ...(publish === undefined
      ? {}
      : { apply: (config: DynamicConfig, errors: readonly IncomingError[]) => publish.apply(config, errors) }),
  });

  for (const [name, ep] of app.entryPoints) {
    const epOptions = options.entryPoints[name];
    if (epOptions === undefined) continue;
    try {
      const bound = await listenEntryPoint(ep, epOptions);
      logger.info({ entryPoint: name, address: bound.address, port: bound.port }, 'entry point listening');
    } catch (error) {
      logger.fatal({ err: error, entryPoint: name }, 'cannot listen');
      connected.stop();
      await app.close();
      await dashboard?.flush();
      dashboard?.close();
      return 1;
    }
  }

  // ACME once every entry point listens, so the CA's validation finds the challenges.
  const acme = await startAcme({
    options,
    env,
    logger,
    http: acmeHttp,
    runtime: app.store,
    certificates: () => app.certificates(),
    ...(member === undefined ? {} : { cluster: { channel: member.channel, leader: member.index === 0 } }),
  });

  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGTERM', onSignal);
    // A worker leaves Ctrl-C (sent to the whole process group) to its primary, which asks it to stop.
    if (member === undefined) process.once('SIGINT', onSignal);
    else {
      process.on('SIGINT', () => undefined);
      member.ready();
      void member.stopRequested.then(() => onSignal('SIGTERM'));
    }
  });
  app.lifecycle.beginShutdown();
  const acceptGrace = Math.max(
    0,
    ...Object.values(options.entryPoints).map((e) => e.transport.lifeCycle.requestAcceptGraceTimeout),
  );
  if (acceptGrace > 0) await new Promise((resolve) => setTimeout(resolve, acceptGrace));
  connected.stop();
  stopCompacting();
  await acme?.stop();
  const results = await Promise.all(
    [...app.entryPoints].map(async ([name, ep]) => {
      const grace = options.entryPoints[name]?.transport.lifeCycle.graceTimeOut ?? 10_000;
      return { name, ...(await drainEntryPoint(ep, grace, app.lifecycle)) };
    }),
  );
  for (const r of results)
    if (!r.graceful) logger.warn({ entryPoint: r.name }, 'grace time over: remaining connections closed');
  await app.close();
  // Overrides changed in the last moments are written before exiting.
  await dashboard?.flush();
  dashboard?.close();
  logger.info('stopped');
  accessLog?.flush();
  logger.flush();
  return 0;
}
