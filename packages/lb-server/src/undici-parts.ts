/**
 * The parts of undici Junction uses at run time, each loaded from its own file rather than through
 * the package's index. The index also loads fetch, WebSocket, EventSource, the caches and the mocks,
 * and through them Node's own bundled copy of undici: ≈ 14 MB resident in a proxy that only ever
 * dispatches through `Agent`, `Pool` and `Client` (issue #12, idle memory). undici has no `exports`
 * map, so these are public files of the package; `undici-parts.test.ts` checks that each is the very
 * value the index exports and that dispatchers made from them alone have the request API, so an
 * upgrade that moves one fails a test rather than a start.
 * Types still come from `undici` itself (`import type`, erased at build).
 */
/* eslint-disable @typescript-eslint/no-namespace -- type-only namespaces mirror undici's (`Client.Options`), so imports switch here unchanged */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const load = createRequire(import.meta.url);

export const Agent = load('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export type Agent = Undici.Agent;
export declare namespace Agent {
  export type Options = Undici.Agent.Options;
}
export const Pool = load('undici/lib/dispatcher/pool.js') as typeof Undici.Pool;
export type Pool = Undici.Pool;
export declare namespace Pool {
  export type Options = Undici.Pool.Options;
}
export const Client = load('undici/lib/dispatcher/client.js') as typeof Undici.Client;
export type Client = Undici.Client;
export declare namespace Client {
  export type Options = Undici.Client.Options;
}
/** The base class of every dispatcher (the index's `Dispatcher`). */
export const DispatcherBase = load('undici/lib/dispatcher/dispatcher.js') as typeof Undici.Dispatcher;
// What the index does too: `request`, `stream`, `pipeline`, `connect`, `upgrade` on every dispatcher.
Object.assign(DispatcherBase.prototype, load('undici/lib/api/index.js'));
export const buildConnector = load('undici/lib/core/connect.js') as typeof Undici.buildConnector;
export declare namespace buildConnector {
  export type BuildOptions = Undici.buildConnector.BuildOptions;
  export type Options = Undici.buildConnector.Options;
  export type Callback = Undici.buildConnector.Callback;
  export type connector = Undici.buildConnector.connector;
}
export const errors = load('undici/lib/core/errors.js') as typeof Undici.errors;
export const { getGlobalDispatcher } = load('undici/lib/global.js') as {
  getGlobalDispatcher: typeof Undici.getGlobalDispatcher;
};
/** The interceptors Junction composes (a subset of the index's `interceptors`). */
export const interceptors = {
  redirect: load('undici/lib/interceptor/redirect.js') as typeof Undici.interceptors.redirect,
} as const;
