/**
 * Test-only: a Fastify instance with the dashboard plugin over a real runtime store, listening on
 * loopback, with a recording audit logger, a bcrypt user and a token, and a tiny assets folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiSources } from '../../../src/api/api-sources';
import type { RuntimeStoreController } from '../../../src/runtime/runtime-store';
import { DashboardAuth } from '../../../src/dashboard/auth';
import { bindOverrides } from '../../../src/dashboard/bind-overrides';
import {
  dashboardPlugin,
  redirectRootHook,
  type DashboardPluginOptions,
} from '../../../src/dashboard/dashboard-plugin';
import type { AuditLogger } from '../../../src/dashboard/guards';
import { OverrideStore } from '../../../src/dashboard/override-store';
import { ServerStatsRecorder } from '../../../src/dashboard/server-stats';
import { mergedFrom, THREE_SERVERS } from './merged-store';
import { createRuntimeStore } from '../../../src/runtime/runtime-store';

/** The test users' passwords. */
export const PASSWORD = 's3cret-pass';
/** The test token. */
export const TOKEN = 'test-token-0123456789abcdef';

/** `Authorization` for `user` (default `admin`, bcrypt) with `password`. */
export const basic = (user = 'admin', password = PASSWORD): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** htpasswd lines: `admin` (bcrypt, cost 4 to keep tests fast) and `viewer` (SHA1). */
export function testUsers(): string[] {
  const sha = createHash('sha1').update(PASSWORD).digest('base64');
  return [`admin:${bcrypt.hashSync(PASSWORD, 4)}`, `viewer:{SHA}${sha}`];
}

/** A logger that keeps what it is given. */
export class RecordingLogger implements AuditLogger {
  readonly lines: { level: 'info' | 'warn'; obj: Record<string, unknown>; msg: string }[] = [];
  info(obj: object, msg: string): void {
    this.lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg });
  }
  warn(obj: object, msg: string): void {
    this.lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg });
  }
}

/** A running test dashboard. */
export interface TestDashboard {
  readonly app: FastifyInstance;
  readonly base: string;
  readonly store: RuntimeStoreController;
  readonly overrides: OverrideStore;
  readonly stats: ServerStatsRecorder;
  readonly logger: RecordingLogger;
  close(): Promise<void>;
}

/** Sources for the plugin over `store`. */
export function sourcesOf(store: RuntimeStoreController): ApiSources {
  return {
    runtime: () => store.current,
    providers: () => ({
      file: { state: 'ok', lastUpdate: 0, lastError: undefined, details: { filename: '/etc/junction/dynamic.yml' } },
    }),
    entryPoints: {},
    features: { tracing: '', metrics: '', accessLog: false },
    version: { version: '0.0.0', codename: 'test', startDate: new Date(0) },
  };
}

/** Starts a dashboard (see module comment); `options` override the plugin's defaults. */
export async function startDashboard(
  options: Partial<DashboardPluginOptions> & { credentials?: boolean } = {},
): Promise<TestDashboard> {
  const assetsDir = mkdtempSync(join(tmpdir(), 'junction-dash-'));
  mkdirSync(join(assetsDir, 'assets'));
  writeFileSync(join(assetsDir, 'index.html'), '<!doctype html><title>Junction</title>');
  writeFileSync(join(assetsDir, 'assets', 'app-1234.js'), 'console.log(1)');
  const store = createRuntimeStore({ entryPoints: { all: ['web'], defaults: ['web'] } });
  const overrides = new OverrideStore({ runtime: () => store.current });
  const bound = bindOverrides(store, overrides);
  bound.apply(mergedFrom(THREE_SERVERS));
  const stats = new ServerStatsRecorder();
  const logger = new RecordingLogger();
  const app = Fastify();
  app.addHook('onRequest', redirectRootHook);
  const { credentials = true, ...rest } = options;
  await app.register(dashboardPlugin, {
    sources: sourcesOf(store),
    insecure: true,
    auth: new DashboardAuth(credentials ? { users: testUsers(), token: TOKEN } : {}),
    overrides,
    stats,
    logger,
    subscribe: (listener) => store.subscribe(listener),
    assetsDir,
    intervalMs: 50,
    ...rest,
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    base,
    store,
    overrides,
    stats,
    logger,
    close: async () => {
      await app.close();
      bound.close();
      await store.close();
      rmSync(assetsDir, { recursive: true, force: true });
    },
  };
}
