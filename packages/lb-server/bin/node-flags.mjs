// The Node flags and environment Junction runs with, wherever it is started as a product: the
// launcher's first line (`bin/lb-server.js`, `#!/usr/bin/env -S NAME=value node …`), the image's
// ENV and ENTRYPOINT (Dockerfile), `npm start`'s demo, the soak and the benchmarks use these; a
// test checks the launcher and the Dockerfile spell the same.
//
// --max-semi-space-size=4: V8's young generation stops at 2 × 4 MiB. Node 24's default lets it
// grow to 2 × 32 MiB under a proxy's allocation rate and keeps those pages once grown: that made
// the 5-minute soak's anonymous RSS climb 26–41 % after warm-up (issue #11; +8.1 % with this flag)
// and the peak under a pinned wrk -c50 load reach 220–300 MB (145–157 MB with it). Its cost, in
// interleaved pinned runs (3 × 8 s each, 19:20 UTC 2026-12-06): 53.1–55.7 µs of CPU per request
// against 51.9–53.9 with Node's default (`=32`) — about 3 % — with p99 unchanged (12.8–21 ms
// either way); `=1` cost much more (81–82 against 61–75 µs in a noisy run: more objects
// promoted to the old generation).
export const NODE_FLAGS = Object.freeze(['--max-semi-space-size=4']);

// MALLOC_ARENA_MAX=1: glibc's malloc gives a thread that allocates while another holds the arena
// an arena of its own, up to 8 per core, and each arena keeps what it once held. A Node process has
// ten threads or so (V8's GC and compiler helpers, libuv's pool), whose allocations (GC worklists,
// compiler zones) then sit in arenas of their own. Measured with one arena (issue #12, 2026-12-07):
// - idle dist, 10 s after start and one /ping: 69.1 MB against 71.3–71.6 (the harness's reading
//   2 s after start and a full GC is the same either way, 70.6–71.2 MiB: the helpers have not
//   allocated yet);
// - the pinned benchmark's Junction (from sources): peak 119–120 MB against 126–143, at the same
//   throughput and CPU per request (two interleaved runs, 5 × 5 s: 0.85× against 0.84× the
//   reference, and 0.88× against 0.81×);
// - the 5-minute soak: anonymous RSS +6.0 MB after warm-up against +8.0 (and +7.8 with `=2`).
// Where malloc is not glibc's (musl), the variable does nothing.
export const PROCESS_ENV = Object.freeze({ MALLOC_ARENA_MAX: '1' });
