#!/usr/bin/env node
/**
 * The images' HEALTHCHECK probe (exec form: the images need no shell). Usage:
 *
 *     node healthcheck.mjs <url> [<url> ...]
 *
 * `{PORT}` in a URL becomes `$PORT` (the port the app listens on; the Dockerfiles set a default),
 * and `$JUNCTION_HEALTHCHECK_URL`, when set, replaces the whole list (an image run with another
 * layout). The URLs are tried in order, each with a 2 s timeout:
 *
 * - a 2xx answer: healthy (exit 0);
 * - a 5xx answer: unhealthy (exit 1) — e.g. `/ping` answers 503 while Junction shuts down;
 * - no answer or a 4xx: try the next URL. A URL written `any:<url>` is healthy on any HTTP
 *   answer below 500 (an entry point that routes nothing answers 404 and is still alive).
 *
 * When every URL failed: unhealthy (exit 1). One line on stdout says why (`docker inspect` shows it).
 */
const TIMEOUT_MS = 2_000;

const port = process.env.PORT ?? '';
const override = process.env.JUNCTION_HEALTHCHECK_URL;
const targets = (override === undefined || override === '' ? process.argv.slice(2) : [override]).map((arg) => {
  const any = arg.startsWith('any:');
  return { any, url: (any ? arg.slice(4) : arg).replaceAll('{PORT}', port) };
});

if (targets.length === 0) {
  console.log('healthcheck: no URL given');
  process.exit(1);
}

for (const { any, url } of targets) {
  let status;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    console.log(`healthcheck: ${url}: ${error?.cause?.code ?? error?.name ?? 'error'}`);
    continue;
  }
  if (status >= 200 && status < 300) {
    console.log(`healthcheck: ${url}: ${status}`);
    process.exit(0);
  }
  if (status >= 500) {
    console.log(`healthcheck: ${url}: ${status} (unhealthy)`);
    process.exit(1);
  }
  if (any) {
    console.log(`healthcheck: ${url}: ${status} (alive)`);
    process.exit(0);
  }
  console.log(`healthcheck: ${url}: ${status}`);
}
process.exit(1);
