/**
 * The container actions of the API (Docker through dockerode):
 *
 * | Method and path                                  | Body / query              | Effect                                   |
 * |--------------------------------------------------|---------------------------|------------------------------------------|
 * | `GET    /api/junction/containers`                |                           | every container + compose services       |
 * | `GET    /api/junction/containers/:id/logs`       | `?tail=200`               | last lines (credentials always needed)   |
 * | `POST   /api/junction/containers/:id/start`      | `{}`                      | start                                    |
 * | `POST   /api/junction/containers/:id/stop`       | `{}`                      | stop (10 s grace)                        |
 * | `POST   /api/junction/containers/:id/restart`    | `{}`                      | restart                                  |
 * | `DELETE /api/junction/containers/:id`            | `{ force?: boolean }`     | remove                                   |
 * | `POST   /api/junction/compose/scale`             | `{ project, service, replicas }` | scale a compose service (drains first) |
 *
 * Without a Docker client every route answers 503 `DASH_DOCKER_UNAVAILABLE`.
 */
import type { FastifyInstance } from 'fastify';
import { NAME, objectSchema, registerAction, type ActionContext } from './action-route';
import { MAX_REPLICAS, scaleComposeService, type ScaleDeps } from './compose-scale';
import { ContainerManager, MAX_LOG_LINES } from './containers';
import { dashboardError, errorBody, isDashboardError } from './errors';
import type { ContainerState } from './state-types';

/** A compose service as the containers list summarises it. */
export interface ComposeServiceSummary {
  readonly project: string;
  readonly service: string;
  readonly replicas: number;
  readonly running: number;
}

/** Compose services found among `containers`, sorted. */
export function composeServices(containers: readonly ContainerState[]): ComposeServiceSummary[] {
  const map = new Map<string, { project: string; service: string; replicas: number; running: number }>();
  for (const c of containers) {
    if (c.compose === undefined) continue;
    const key = `${c.compose.project}/${c.compose.service}`;
    const entry = map.get(key) ?? { project: c.compose.project, service: c.compose.service, replicas: 0, running: 0 };
    entry.replicas += 1;
    if (c.state === 'running') entry.running += 1;
    map.set(key, entry);
  }
  return [...map.values()].sort((a, b) => `${a.project}/${a.service}`.localeCompare(`${b.project}/${b.service}`));
}

const ID_PARAMS = objectSchema({ id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$' } });
const EMPTY = objectSchema({});

/** Registers the container routes; `scale` is undefined when Docker is not configured. */
export function registerContainerRoutes(app: FastifyInstance, ctx: ActionContext, scale: ScaleDeps | undefined): void {
  const manager = scale === undefined ? undefined : new ContainerManager(scale.docker);
  const need = (): ContainerManager => {
    if (manager === undefined)
      throw dashboardError(
        'DASH_DOCKER_UNAVAILABLE',
        'container management needs the Docker provider (or a Docker client)',
      );
    return manager;
  };

  app.get('/api/junction/containers', { onRequest: ctx.view }, async (_request, reply) => {
    try {
      const containers = await need().list();
      return { containers, compose: composeServices(containers) };
    } catch (error) {
      if (!isDashboardError(error)) throw error;
      return reply.code(error.statusCode).send(errorBody(error));
    }
  });

  app.get<{ Params: { id: string }; Querystring: { tail?: number } }>(
    '/api/junction/containers/:id/logs',
    {
      onRequest: ctx.authenticated('container.logs'),
      schema: {
        params: ID_PARAMS,
        querystring: { type: 'object', properties: { tail: { type: 'integer', minimum: 1, maximum: MAX_LOG_LINES } } },
      },
    },
    async (request, reply) => {
      try {
        return { lines: await need().logs(request.params.id, request.query.tail ?? 200) };
      } catch (error) {
        if (!isDashboardError(error)) throw error;
        return reply.code(error.statusCode).send(errorBody(error));
      }
    },
  );

  for (const action of ['start', 'stop', 'restart'] as const) {
    registerAction<Record<string, never>, { id: string }>(app, ctx, {
      method: 'POST',
      url: `/api/junction/containers/:id/${action}`,
      name: `container.${action}`,
      body: EMPTY,
      params: ID_PARAMS,
      target: (_b, p) => ({ container: p.id }),
      run: async (_b, p) => {
        await need().lifecycle(p.id, action);
        return { ok: true };
      },
    });
  }

  registerAction<{ force?: boolean }, { id: string }>(app, ctx, {
    method: 'DELETE',
    url: '/api/junction/containers/:id',
    name: 'container.remove',
    params: ID_PARAMS,
    body: objectSchema({ force: { type: 'boolean' } }, ['force']),
    target: (b, p) => ({ container: p.id, force: b.force === true }),
    run: async (b, p) => {
      await need().remove(p.id, b.force === true);
      return { ok: true };
    },
  });

  registerAction<{ project: string; service: string; replicas: number }>(app, ctx, {
    method: 'POST',
    url: '/api/junction/compose/scale',
    name: 'compose.scale',
    body: objectSchema({
      project: NAME,
      service: NAME,
      replicas: { type: 'integer', minimum: 0, maximum: MAX_REPLICAS },
    }),
    target: (b) => ({ project: b.project, service: b.service, replicas: b.replicas }),
    run: (b) => {
      need();
      return scale === undefined ? undefined : scaleComposeService(scale, b.project, b.service, b.replicas);
    },
  });
}
