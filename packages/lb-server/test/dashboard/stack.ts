/**
 * Test support: a whole Junction on loopback, wired the way `main.ts` should wire the dashboard
 * (`createDashboard`): `buildApp` with the `web` and `traefik` entry points, the file provider
 * (and optionally the Docker provider) through the configuration watcher into
 * `dashboard.apply`, the API and dashboard plugins on `traefik`, and the proxy's per-server
 * recording feeding `dashboard.stats`. The dashboard is served from a fresh Vite build (built once per process).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { configEquals, validateDynamicConfig, type DynamicConfig } from '@junction/lb-core';
import { build } from 'vite';
import { apiPlugin } from '../../src/api/api-plugin';
import { featuresOf, type ApiSources, type CertificateSource } from '../../src/api/api-sources';
import { buildApp, type JunctionApp } from '../../src/app';
import type { ContainerClient } from '../../src/dashboard/containers';
import { createDashboard, type Dashboard } from '../../src/dashboard/create-dashboard';
import { dashboardPlugin, redirectRootHook } from '../../src/dashboard/dashboard-plugin';
import { parseStaticOptions } from '../../src/options';
import { FileProvider } from '../../src/providers/file/file-provider';
import type { Provider } from '../../src/providers/provider';
import { mergeSnapshots } from '../../src/runtime/merge-snapshots';
import { createConfigWatcher } from '../../src/runtime/watcher';
import { PROVIDER_ORDER } from '../../src/server/providers';
import { RecordingLogger, testUsers } from '../support/dashboard/dashboard-app';

let built: Promise<string> | undefined;

/** Builds the dashboard once into a temporary folder; returns the folder. */
export function buildDashboardOnce(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'junction-dashboard-build-'));
    await build({
      configFile: new URL('../../dashboard/vite.config.ts', import.meta.url).pathname,
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    return outDir;
  })();
  return built;
}

/** Options of {@link startStack}. */
export interface StackOptions {
  /** The file provider's dynamic configuration (YAML text). */
  readonly yaml: string;
  /** Extra providers (the Docker provider) and the Docker client for container management. */
  readonly providers?: readonly Provider<DynamicConfig>[];
  readonly docker?: ContainerClient;
  /** Viewing open (default true). */
  readonly insecure?: boolean;
  /** The overrides state file (default: none, overrides in memory only). */
  readonly stateFile?: string;
  /** The TLS certificate store the API and the dashboard list (default: none). */
  readonly certificates?: CertificateSource;
}

/** A running stack. */
export interface Stack {
  readonly app: JunctionApp;
  readonly dashboard: Dashboard;
  readonly logger: RecordingLogger;
  /** `http://127.0.0.1:<port>` of `web` and of `traefik`. */
  readonly web: string;
  readonly traefik: string;
  /** Rewrites the dynamic configuration file. */
  writeYaml(yaml: string): void;
  close(): Promise<void>;
}

/** Starts the stack (see module comment). */
export async function startStack(options: StackOptions): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'junction-stack-'));
  const file = join(dir, 'dynamic.yml');
  writeFileSync(file, options.yaml);
  const static_ = parseStaticOptions(
    [
      '--entrypoints.web.address=127.0.0.1:0',
      '--entrypoints.traefik.address=127.0.0.1:0',
      '--api.insecure=true',
      `--providers.file.filename=${file}`,
      '--log.level=FATAL',
    ],
    {},
  );
  const logger = new RecordingLogger();
  const fileProvider = new FileProvider<DynamicConfig>({
    filename: file,
    watch: true,
    validate: (raw) => validateDynamicConfig(raw, { provider: 'file' }),
    debounceMs: 20,
  });
  const providers: Provider<DynamicConfig>[] = [fileProvider, ...(options.providers ?? [])];
  const sources = (app: JunctionApp): ApiSources => ({
    runtime: () => (app.store.current.generation === 0 ? undefined : app.store.current),
    providers: () => Object.fromEntries(providers.map((p) => [p.name, p.status?.()])),
    entryPoints: static_.entryPoints,
    features: featuresOf(static_),
    version: { version: '0.0.0-test', codename: 'test', startDate: new Date() },
    ...(options.certificates === undefined ? {} : { certificates: options.certificates }),
  });
  const assetsDir = await buildDashboardOnce();
  const app = buildApp({
    options: static_,
    // The proxy's own per-server recording feeds the dashboard, as in `serve.ts` (read per exchange).
    serverStats: { counter: (service, server) => dashboard.stats.counter(service, server) },
    // Runs when the entry point loads its plugins (at listen), after `dashboard` below exists.
    internal: async (child, context) => {
      if (context.entryPoint !== 'traefik') return;
      await child.register(apiPlugin, { sources: sources(app) });
      await child.register(dashboardPlugin, dashboard.pluginOptions(sources(app)));
    },
  });
  const dashboard = createDashboard({
    store: app.store,
    settings: { insecure: options.insecure ?? true, users: testUsers() },
    env: {},
    readText: () => '',
    logger,
    assetsDir,
    ...(options.docker === undefined ? {} : { docker: options.docker }),
    ...(options.stateFile === undefined ? {} : { stateFile: { path: options.stateFile, delayMs: 20 } }),
  });
  const d = dashboard;
  const watcher = createConfigWatcher<DynamicConfig, DynamicConfig>({
    throttleMs: 50,
    merge: mergeSnapshots(PROVIDER_ORDER),
    equals: configEquals,
    providerOrder: PROVIDER_ORDER,
    onConfig: (config, info) => d.apply(config, info.errors),
  });
  const abort = new AbortController();
  await Promise.all(providers.map((p) => p.start((m) => watcher.push(m), abort.signal)));
  const web = app.entryPoints.get('web');
  const traefik = app.entryPoints.get('traefik');
  if (web === undefined || traefik === undefined) throw new Error('missing entry points');
  traefik.addHook('onRequest', redirectRootHook);
  const address = async (f: typeof web): Promise<string> => {
    await f.listen({ host: '127.0.0.1', port: 0 });
    return `http://127.0.0.1:${(f.server.address() as AddressInfo).port}`;
  };
  return {
    app,
    dashboard: d,
    logger,
    web: await address(web),
    traefik: await address(traefik),
    writeYaml: (yaml) => writeFileSync(file, yaml),
    close: async () => {
      abort.abort();
      watcher.close();
      d.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
