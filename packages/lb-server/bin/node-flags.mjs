// The Node flags Junction runs with, wherever it is started as a product: the launcher's first
// line (`bin/lb-server.js`, `#!/usr/bin/env -S node …`), the image's ENTRYPOINT (Dockerfile),
// `npm start`'s demo, the soak and the benchmarks use these; a test checks
// the launcher and the Dockerfile spell the same list.
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
