/**
 * What `npm start` tells its user: progress lines (`demo: …`), fatal errors before any child
 * runs, the last lines of a log, and the banner once the demo is up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { removeRecord } from './processes.mjs';

/** Prints one progress line. */
export const say = (line) => console.log(`demo: ${line}`);

/** The run folder once this run has recorded itself there (so {@link fail} can remove the record). */
let recordedIn;

/** Notes that this run has recorded itself in `runDir`. */
export function noteRecordedIn(runDir) {
  recordedIn = runDir;
}

/** Exits 1 with a message (no child has been started yet when this is called). */
export function fail(message) {
  console.error(`demo: ${message}`);
  if (recordedIn !== undefined) removeRecord(recordedIn);
  process.exit(1);
}

/** The last `lines` lines of a log file, indented. */
export function tail(file, lines = 15) {
  try {
    return readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map((l) => `    ${l}`)
      .join('\n');
  } catch {
    return '    (no log)';
  }
}

/** Prints where the running demo answers, its dashboard token and where its files are. */
export function printBanner(settings, runDir, junctionJs) {
  const web = `http://127.0.0.1:${settings.web}`;
  const rel = relative(process.cwd(), runDir) || '.';
  const dashboard = existsSync(join(dirname(junctionJs), 'dashboard/index.html'))
    ? `token for actions: ${settings.token}`
    : '(not built: npx nx build lb-server)';
  console.log(`
  Junction demo is running — Ctrl-C stops it.

  Static site   http://localhost:${settings.web}/        (sticky: the page names its static node)
  Jokes API     http://localhost:${settings.web}/api/jokes/   (round-robin over 3 servers)
  Dashboard     http://127.0.0.1:${settings.ui}/dashboard/   ${dashboard}
  As the lab    curl -H 'Host: demo.res.ch' ${web}/api/jokes/

  Junction routes demo.res.ch, localhost and 127.0.0.1 alike. Its configuration is
  ${rel}/dynamic.yml (watched: edit it and the routes change); logs are in ${rel}/logs/.
`);
}
