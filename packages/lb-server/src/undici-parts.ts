/**
 * The parts of undici Junction uses at run time, each loaded from its own file rather than through
 * the package's index. The index also loads fetch, WebSocket, EventSource, the caches and the mocks,
 * and through them Node's own bundled copy of undici: ≈ 14 MB resident in a proxy that only ever
 * dispatches through `Agent`, `Pool` and `Client` (issue #12, idle memory). undici has no `exports`
 * map, so these are public files of the package; `undici-parts.test.ts` checks that each is the very
 * value the index exports and that dispatchers made from them alone have the request API, so an
 * upgrade that moves one fails a test rather than a start.
 * The files are imported statically (not through `require`), so a bundler that inlines npm packages
 * (the images' `docker/scripts/stage.mjs`) sees and includes them. Types still come from `undici`
 * itself (`import type`, erased at build); `undici-lib.d.ts` declares the files' modules.
 */
/* eslint-disable @typescript-eslint/no-namespace -- type-only namespaces mirror undici's (`Client.Options`), so imports switch here unchanged */
import type * as Undici from 'undici';
import agentFile from 'undici/lib/dispatcher/agent.js';
import clientFile from 'undici/lib/dispatcher/client.js';
import dispatcherFile from 'undici/lib/dispatcher/dispatcher.js';
import poolFile from 'undici/lib/dispatcher/pool.js';
import apiFile from 'undici/lib/api/index.js';
import connectFile from 'undici/lib/core/connect.js';
import errorsFile from 'undici/lib/core/errors.js';
import globalFile from 'undici/lib/global.js';
import redirectFile from 'undici/lib/interceptor/redirect.js';

export const Agent = agentFile as typeof Undici.Agent;
export type Agent = Undici.Agent;
export declare namespace Agent {
  export type Options = Undici.Agent.Options;
}
export const Pool = poolFile as typeof Undici.Pool;
export type Pool = Undici.Pool;
export declare namespace Pool {
  export type Options = Undici.Pool.Options;
}
export const Client = clientFile as typeof Undici.Client;
export type Client = Undici.Client;
export declare namespace Client {
  export type Options = Undici.Client.Options;
}
/** The base class of every dispatcher (the index's `Dispatcher`). */
export const DispatcherBase = dispatcherFile as typeof Undici.Dispatcher;
// What the index does too: `request`, `stream`, `pipeline`, `connect`, `upgrade` on every dispatcher.
Object.assign(DispatcherBase.prototype, apiFile);
export const buildConnector = connectFile as typeof Undici.buildConnector;
export declare namespace buildConnector {
  export type BuildOptions = Undici.buildConnector.BuildOptions;
  export type Options = Undici.buildConnector.Options;
  export type Callback = Undici.buildConnector.Callback;
  export type connector = Undici.buildConnector.connector;
}
export const errors = errorsFile as typeof Undici.errors;
export const { getGlobalDispatcher } = globalFile as { getGlobalDispatcher: typeof Undici.getGlobalDispatcher };
/** The interceptors Junction composes (a subset of the index's `interceptors`). */
export const interceptors = {
  redirect: redirectFile as typeof Undici.interceptors.redirect,
} as const;
