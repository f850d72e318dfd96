/**
 * Node's `tls`, `https` and `http2`, loaded where they are first used rather than when a module
 * imports them. Loading them initialises Node's TLS and nghttp2 bindings (a bare Node 24 process
 * that loads `crypto` is 45.8 MB, 56.4 MB once these load too; the idle dist 75.3–75.9 MB with
 * them, 70.9–71.4 without), which a Junction with no TLS entry point and no HTTPS, HTTP/2 or `wss`
 * upstream never needs (issue #12, idle memory). The bundled dependencies that require them get stand-ins that load on first use
 * (`lazyBuiltins` in `docker/scripts/bundle-parts.mjs`); Junction's own modules call these
 * functions where they use the module, never while loading. Types come from `import type`, which
 * is erased at build.
 */
import type * as Http2 from 'node:http2';
import type * as Https from 'node:https';
import type * as Tls from 'node:tls';

/** `node:tls`, loaded on the first call. */
export const nodeTls = (): typeof Tls => process.getBuiltinModule('node:tls');
/** `node:https`, loaded on the first call. */
export const nodeHttps = (): typeof Https => process.getBuiltinModule('node:https');
/** `node:http2`, loaded on the first call. */
export const nodeHttp2 = (): typeof Http2 => process.getBuiltinModule('node:http2');
