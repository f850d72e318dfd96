/**
 * One helper to declare an action of the API: method, URL, JSON body schema, the guard
 * (`csrf` + credentials), the work itself, and the audit line with its outcome. Coded
 * {@link DashboardError}s become their status and `{ error, code }`; anything else is a 500 (and
 * audited as `failed`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit, type AuditLogger, type GuardHook } from './guards';
import { errorBody, isDashboardError } from './errors';

/** JSON Schema of an action's body (Fastify validates it before the handler runs). */
export type BodySchema = Readonly<Record<string, unknown>>;

/** An action's declaration. */
export interface ActionSpec<B, P = Record<string, string>> {
  readonly method: 'POST' | 'DELETE';
  readonly url: string;
  /** Name in the audit log, e.g. `server.drain`. */
  readonly name: string;
  readonly body: BodySchema;
  /** JSON Schema of the URL parameters, if any. */
  readonly params?: BodySchema;
  /** What the action is about, for the audit log. */
  readonly target: (body: B, params: P) => Readonly<Record<string, unknown>>;
  /** Does the work; the result is sent as JSON (200). */
  readonly run: (body: B, params: P, request: FastifyRequest) => Promise<unknown> | unknown;
}

/** What every action needs from the plugin. */
export interface ActionContext {
  /** The action guard for an action name (cross-site checks, then credentials). */
  readonly guard: (name: string) => GuardHook;
  /** The viewing guard (open when insecure). */
  readonly view: GuardHook;
  /** Credentials required, whatever `insecure` says, for reads that may reveal secrets (logs). */
  readonly authenticated: (name: string) => GuardHook;
  readonly logger: AuditLogger;
}

/** An object schema whose every listed property is required, no others allowed. */
export function objectSchema(
  properties: Readonly<Record<string, unknown>>,
  optional: readonly string[] = [],
): BodySchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
  };
}

/** A non-empty string of at most 512 characters. */
export const NAME = { type: 'string', minLength: 1, maxLength: 512 } as const;

/** Registers `spec` on `app` (see module comment). */
export function registerAction<B, P = Record<string, string>>(
  app: FastifyInstance,
  ctx: ActionContext,
  spec: ActionSpec<B, P>,
): void {
  app.route<{ Body: B; Params: P }>({
    method: spec.method,
    url: spec.url,
    schema: spec.params === undefined ? { body: spec.body } : { body: spec.body, params: spec.params },
    onRequest: ctx.guard(spec.name),
    handler: async (request, reply) => {
      // Fastify validated both against the schemas above.
      const body = request.body as B;
      const params = request.params as P;
      const target = spec.target(body, params);
      try {
        const result = await spec.run(body, params, request);
        audit(ctx.logger, request, { action: spec.name, target, outcome: 'ok' });
        return reply.send(result ?? { ok: true });
      } catch (error) {
        if (!isDashboardError(error)) {
          audit(ctx.logger, request, { action: spec.name, target, outcome: 'failed', code: 'INTERNAL' });
          throw error;
        }
        audit(ctx.logger, request, {
          action: spec.name,
          target,
          outcome: error.statusCode >= 500 ? 'failed' : 'refused',
          code: error.code,
        });
        return reply.code(error.statusCode).send(errorBody(error));
      }
    },
  });
}
