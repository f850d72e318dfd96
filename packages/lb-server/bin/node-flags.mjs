// The Node flags Junction runs with, wherever it is started as a product: the launcher's first
// line (`bin/lb-server.js`, `#!/usr/bin/env -S node …`), the image's ENTRYPOINT (Dockerfile),
// `npm start`'s demo, the soak and the benchmarks use these; a test checks
// the launcher and the Dockerfile spell the same list.
//
// --max-semi-space-size=4: V8's young generation stops at 2 × 4 MiB. Node 24's default lets it
// grow to 2 × 32 MiB under a proxy's allocation rate and keeps those pages once grown: that made
// the 5-minute soak's anonymous RSS climb 26–41 % after warm-up (issue #11; +8.1 % with this flag)
// and the peak under a pinned wrk -c50 load reach 220–300 MB (145–157 MB with it). CPU per
// request in the same pinned runs: 46–51 µs with the default, 47–51 µs with this flag (no cost
// within the noise); `=1` cost more (81–82 against 61–75 µs in one noisy run: more objects
// promoted to the old generation).
export const NODE_FLAGS = Object.freeze(['--max-semi-space-size=4']);
