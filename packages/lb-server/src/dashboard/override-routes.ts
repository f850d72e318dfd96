/**
 * The server and service actions of the API (all JSON bodies, names qualified `name@provider`):
 *
 * | Method and path                          | Body                          | Effect                         |
 * |------------------------------------------|-------------------------------|--------------------------------|
 * | `POST   /api/junction/servers/drain`     | `{ service, server }`         | no new requests to the server  |
 * | `POST   /api/junction/servers/undrain`   | `{ service, server }`         | back to the provider's state   |
 * | `POST   /api/junction/servers/weight`    | `{ service, server, weight }` | weight override (0–10000)      |
 * | `DELETE /api/junction/servers/weight`    | `{ service, server }`         | provider's weight again        |
 * | `POST   /api/junction/services/strategy` | `{ service, strategy }`       | strategy override (rebuild)    |
 * | `DELETE /api/junction/services/strategy` | `{ service }`                 | provider's strategy again      |
 * | `DELETE /api/junction/overrides`         | `{ service, server? }`        | clear a server's overrides, or a service's strategy, present or not |
 *
 * `server` is the server id as the state lists it (the URL, or `project/service/n` for compose
 * replicas). Each answers `{ ok: true, overrides }` with the overrides now in force.
 * `GET /api/junction/overrides` answers `{ servers, services, orphans, persistence }`: the
 * overrides, those whose element is not present, and the state file's path and state.
 */
import type { FastifyInstance } from 'fastify';
import { STRATEGY_ALIASES, STRATEGY_NAMES } from '@junction/lb-core';
import { NAME, objectSchema, registerAction, type ActionContext } from './action-route';
import type { Runtime } from '../runtime/runtime';
import { orphanOverrides } from './override-orphans';
import { MAX_OVERRIDE_WEIGHT, type OverrideStore } from './override-store';
import type { PersistenceState } from './state-types';

interface ServerBody {
  service: string;
  server: string;
}
interface WeightBody extends ServerBody {
  weight: number;
}
interface StrategyBody {
  service: string;
  strategy: string;
}
interface ClearBody {
  service: string;
  server?: string;
}

/** What `GET /api/junction/overrides` reads besides the store. */
export interface OverrideViews {
  readonly runtime: () => Runtime | undefined;
  readonly persistence: () => PersistenceState;
}

const SERVER = objectSchema({ service: NAME, server: NAME });
const WEIGHT = objectSchema({
  service: NAME,
  server: NAME,
  weight: { type: 'integer', minimum: 0, maximum: MAX_OVERRIDE_WEIGHT },
});
const STRATEGY = objectSchema({
  service: NAME,
  strategy: { type: 'string', enum: [...STRATEGY_NAMES, ...Object.keys(STRATEGY_ALIASES)] },
});
const SERVICE = objectSchema({ service: NAME });
const CLEAR = objectSchema({ service: NAME, server: NAME }, ['server']);

const who = (request: { dashboardPrincipal: { user: string } | null }): string =>
  request.dashboardPrincipal?.user ?? 'unknown';

/** Registers the override actions and `GET /api/junction/overrides`. */
export function registerOverrideRoutes(
  app: FastifyInstance,
  ctx: ActionContext,
  overrides: OverrideStore,
  views?: OverrideViews,
): void {
  const done = (): unknown => ({ ok: true, overrides: overrides.list() });
  const serverTarget = (b: ServerBody): Record<string, unknown> => ({ service: b.service, server: b.server });

  app.get('/api/junction/overrides', { onRequest: ctx.view }, async (_request, reply) => {
    const list = overrides.list();
    reply.header('cache-control', 'no-store');
    if (views === undefined) return list;
    return { ...list, orphans: orphanOverrides(views.runtime(), list), persistence: views.persistence() };
  });

  registerAction<ServerBody>(app, ctx, {
    method: 'POST',
    url: '/api/junction/servers/drain',
    name: 'server.drain',
    body: SERVER,
    target: serverTarget,
    run: (b, _p, req) => (overrides.setDraining(b.service, b.server, true, who(req)), done()),
  });
  registerAction<ServerBody>(app, ctx, {
    method: 'POST',
    url: '/api/junction/servers/undrain',
    name: 'server.undrain',
    body: SERVER,
    target: serverTarget,
    run: (b, _p, req) => (overrides.setDraining(b.service, b.server, false, who(req)), done()),
  });
  registerAction<WeightBody>(app, ctx, {
    method: 'POST',
    url: '/api/junction/servers/weight',
    name: 'server.weight',
    body: WEIGHT,
    target: (b) => ({ ...serverTarget(b), weight: b.weight }),
    run: (b, _p, req) => (overrides.setWeight(b.service, b.server, b.weight, who(req)), done()),
  });
  registerAction<ServerBody>(app, ctx, {
    method: 'DELETE',
    url: '/api/junction/servers/weight',
    name: 'server.weight.reset',
    body: SERVER,
    target: serverTarget,
    run: (b, _p, req) => (overrides.resetWeight(b.service, b.server, who(req)), done()),
  });
  registerAction<StrategyBody>(app, ctx, {
    method: 'POST',
    url: '/api/junction/services/strategy',
    name: 'service.strategy',
    body: STRATEGY,
    target: (b) => ({ service: b.service, strategy: b.strategy }),
    run: (b, _p, req) => (overrides.setStrategy(b.service, b.strategy, who(req)), done()),
  });
  registerAction<{ service: string }>(app, ctx, {
    method: 'DELETE',
    url: '/api/junction/services/strategy',
    name: 'service.strategy.reset',
    body: SERVICE,
    target: (b) => ({ service: b.service }),
    run: (b) => (overrides.resetStrategy(b.service), done()),
  });
  registerAction<ClearBody>(app, ctx, {
    method: 'DELETE',
    url: '/api/junction/overrides',
    name: 'override.clear',
    body: CLEAR,
    target: (b) => ({ service: b.service, ...(b.server === undefined ? {} : { server: b.server }) }),
    run: (b, _p, req) => (overrides.clear(b.service, b.server, who(req)), done()),
  });
}
