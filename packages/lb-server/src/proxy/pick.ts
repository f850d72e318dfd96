/**
 * Picks the server for an exchange, walking composite services down to a load-balanced one:
 * `weighted` asks its balancer for a child (skipping children with nothing available),
 * `failover` tries the main service then the fallback, `mirroring` uses its main service.
 * Sticky balancers are asked with the request's cookies and may return a `Set-Cookie` to send.
 *
 * Retries pass `exclude` (URLs already tried): a server in it is never picked again. The
 * balancer is asked a bounded number of times, then its server list is scanned for any
 * available server not yet tried (strategies like consistent hashing keep answering the same).
 */
import type { Balancer, PickContext, Server, StickyBalancer } from '@junction/lb-core';
import type { LoadBalancedService, RuntimeServer, RuntimeService } from '../runtime/runtime';
import { toRuntimeServer } from '../runtime/runtime-server';
import type { Target } from './exchange';

/** Where picks write the sticky cookies to send. */
export interface PickState extends PickContext {
  setCookies: string[] | undefined;
}

/** How load-balanced and weighted services name a server in `exclude` (module constants: no closure per pick). */
const urlOfServer = (server: Server): string => server.url;
const idOfServer = (server: Server): string => server.id;

function excluded(exclude: readonly string[] | undefined, url: string): boolean {
  return exclude !== undefined && exclude.includes(url);
}

function runtimeServer(service: LoadBalancedService, server: Server): RuntimeServer {
  // A balancer updated by a newer configuration may return a server this (older) runtime does
  // not list yet; build its entry on the fly.
  return service.serverById.get(server.id) ?? toRuntimeServer(server);
}

function addCookie(state: PickState, cookie: string | undefined): void {
  if (cookie === undefined) return;
  // `[cookie]`: a backing store of one; a push onto `[]` reserves room for 16
  if (state.setCookies === undefined) state.setCookies = [cookie];
  else state.setCookies.push(cookie);
}

/** One pick from a (possibly sticky) balancer; `fresh` ignores the request's cookie. */
function pickOnce(
  balancer: Balancer,
  sticky: StickyBalancer | undefined,
  state: PickState,
  fresh: boolean,
): { server: Server; setCookie?: string } | undefined {
  if (sticky !== undefined) return sticky.pickSticky(fresh ? undefined : state);
  const server = balancer.pick(state);
  return server === undefined ? undefined : { server };
}

/** Picks from a balancer, avoiding `exclude`. */
function pickAvoiding(
  balancer: Balancer,
  sticky: StickyBalancer | undefined,
  state: PickState,
  exclude: readonly string[] | undefined,
  size: number,
  urlOf: (server: Server) => string,
): { server: Server; setCookie?: string } | undefined {
  const first = pickOnce(balancer, sticky, state, false);
  if (first === undefined || !excluded(exclude, urlOf(first.server))) return first;
  for (let i = 0; i < size; i++) {
    const next = pickOnce(balancer, sticky, state, true);
    if (next === undefined) return undefined;
    if (!excluded(exclude, urlOf(next.server))) return next;
  }
  for (const status of balancer.servers()) {
    if (!status.healthy || status.draining || status.weight <= 0 || excluded(exclude, status.url)) continue;
    const server: Server = { id: status.id, url: status.url, weight: status.weight };
    const setCookie = sticky?.setCookieFor(status.id);
    return setCookie === undefined ? { server } : { server, setCookie };
  }
  return undefined;
}

function pickLoadBalanced(
  service: LoadBalancedService,
  state: PickState,
  exclude: readonly string[] | undefined,
): Target | undefined {
  const picked = pickAvoiding(service.balancer, service.sticky, state, exclude, service.servers.length, urlOfServer);
  if (picked === undefined) return undefined;
  addCookie(state, picked.setCookie);
  return { service, server: runtimeServer(service, picked.server) };
}

/**
 * Picks a target under `service`; `undefined` when no server is available (→ 503, or 502 after
 * failed attempts). Appends sticky cookies to `state.setCookies`.
 */
export function pickTarget(service: RuntimeService, state: PickState, exclude?: readonly string[]): Target | undefined {
  switch (service.kind) {
    case 'loadBalancer':
      return pickLoadBalanced(service, state, exclude);
    case 'weighted': {
      const tried: string[] = [];
      for (let i = 0; i < service.children.size; i++) {
        const picked = pickAvoiding(service.balancer, service.sticky, state, tried, service.children.size, idOfServer);
        if (picked === undefined) return undefined;
        const child = service.children.get(picked.server.id);
        const target = child === undefined ? undefined : pickTarget(child, state, exclude);
        if (target !== undefined) {
          addCookie(state, picked.setCookie);
          return target;
        }
        tried.push(picked.server.id);
      }
      return undefined;
    }
    case 'failover':
      return pickTarget(service.main, state, exclude) ?? pickTarget(service.fallback, state, exclude);
    case 'mirroring':
      return pickTarget(service.main, state, exclude);
  }
}
