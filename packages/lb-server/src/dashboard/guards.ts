/**
 * The dashboard's access checks, as Fastify `preHandler` hooks, and its audit log.
 *
 * - `view`: pages, the event stream and read endpoints. Open when `insecure`; otherwise any
 *   configured credential, challenged with `WWW-Authenticate: Basic` so a browser asks for it.
 * - `action`: anything that changes state. First the cross-site checks (`csrf.ts`), then a
 *   configured credential — never open. The challenge is `Bearer`, so a refused `fetch` from the
 *   UI does not pop the browser's Basic dialog (the UI has its own sign-in form); scripts send
 *   `Authorization` up front (`curl -u user:pass` or `-H 'Authorization: Bearer …'`).
 *
 * Every action, allowed or refused, writes one audit line: who, what, on what, outcome, from
 * where (pino adds when).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardAuth, Principal } from './auth';
import { crossSiteRefusal } from './csrf';
import { dashboardError, errorBody, type DashboardError } from './errors';

/** A guard hook: answers the request itself (and returns the reply) when it refuses it. */
export type GuardHook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller of a dashboard request (set by the dashboard's guards). */
    dashboardPrincipal: Principal | null;
  }
}

/** The slice of a pino logger the audit log writes to. */
export interface AuditLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** One audit record. */
export interface AuditEntry {
  readonly action: string;
  readonly target?: Readonly<Record<string, unknown>>;
  readonly outcome: 'ok' | 'refused' | 'failed';
  readonly code?: string;
}

/** The realm named in challenges. */
export const REALM = 'junction';

/** Writes one audit line for `request` (see module comment). */
export function audit(logger: AuditLogger, request: FastifyRequest, entry: AuditEntry): void {
  const who = request.dashboardPrincipal;
  const line = { audit: true, user: who?.user ?? null, auth: who?.method ?? null, ip: request.ip, ...entry };
  if (entry.outcome === 'ok') logger.info(line, `dashboard action ${entry.action}`);
  else logger.warn(line, `dashboard action ${entry.action} ${entry.outcome}`);
}

function refuse(reply: FastifyReply, error: DashboardError, challenge?: string): FastifyReply {
  if (challenge !== undefined) reply.header('www-authenticate', challenge);
  return reply.code(error.statusCode).send(errorBody(error));
}

/** The `view` and `action` hooks (see module comment). */
export function createGuards(
  auth: DashboardAuth,
  insecure: boolean,
  logger: AuditLogger,
): {
  view: GuardHook;
  action: (name: string) => GuardHook;
  authenticated: (name: string) => GuardHook;
} {
  const authenticate = async (
    name: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    if (!auth.enabled) {
      audit(logger, request, { action: name, outcome: 'refused', code: 'DASH_ACTIONS_DISABLED' });
      return refuse(
        reply,
        dashboardError('DASH_ACTIONS_DISABLED', 'actions are disabled: configure dashboard users or a token'),
      );
    }
    const principal = await auth.authenticate(request.headers.authorization);
    if (principal === undefined) {
      audit(logger, request, { action: name, outcome: 'refused', code: 'DASH_UNAUTHORIZED' });
      return refuse(
        reply,
        dashboardError('DASH_UNAUTHORIZED', 'credentials required for this action'),
        `Bearer realm="${REALM}"`,
      );
    }
    request.dashboardPrincipal = principal;
    return undefined;
  };
  return {
    authenticated: (name) => (request, reply) => authenticate(name, request, reply),
    async view(request, reply) {
      if (insecure) return undefined;
      const principal = await auth.authenticate(request.headers.authorization);
      if (principal === undefined) {
        return refuse(
          reply,
          dashboardError('DASH_UNAUTHORIZED', 'credentials required to view the dashboard'),
          `Basic realm="${REALM}", charset="UTF-8"`,
        );
      }
      request.dashboardPrincipal = principal;
      return undefined;
    },
    action: (name) => async (request, reply) => {
      const refusal = crossSiteRefusal(request);
      if (refusal !== undefined) {
        audit(logger, request, { action: name, outcome: 'refused', code: refusal.code });
        return refuse(reply, refusal);
      }
      return authenticate(name, request, reply);
    },
  };
}
