/**
 * `node:http` for modules that need its values (status texts, `request`). They must not import it
 * as an ES module: since Node 22 the module has lazy `WebSocket`, `CloseEvent` and `MessageEvent`
 * getters, and building an ES namespace reads every export, which loads Node's bundled copy of
 * undici: ≈ 14 MB resident for nothing (issue #12, idle memory). `process.getBuiltinModule`
 * hands over the CommonJS exports object, whose getters stay untouched. Types still come from
 * `import type … from 'node:http'`, which is erased at build.
 */
import type * as Http from 'node:http';

/** The `node:http` module, its lazy getters unread. */
export const nodeHttp: typeof Http = process.getBuiltinModule('node:http');

/** `http.STATUS_CODES`: the reason phrase of each status code. */
export const STATUS_CODES: typeof Http.STATUS_CODES = nodeHttp.STATUS_CODES;
