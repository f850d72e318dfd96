/**
 * The programs `npm start` runs: lb-server, jokes-api and static-site built with Nx (cached,
 * stoppable by a signal), and their built entry files.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fail, say, tail } from './report.mjs';
import { ROOT } from './settings.mjs';

/** The build while it runs (a stop signal ends it too), and whether a stop was asked for. */
let building;
let stopRequested = false;

/** Builds the three packages with Nx (cached), its output in `logFile`. */
export function build(logFile) {
  say('building lb-server, jokes-api and static-site (npx nx run-many -t build)…');
  const started = Date.now();
  writeFileSync(logFile, '');
  const out = openSync(logFile, 'a');
  return new Promise((resolveBuild) => {
    const nx = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/.bin/nx'),
        'run-many',
        '-t',
        'build',
        '-p',
        'lb-server',
        'jokes-api',
        'static-site',
        '--outputStyle=static',
      ],
      { cwd: ROOT, stdio: ['ignore', out, out] },
    );
    building = nx;
    nx.on('exit', (code) => {
      building = undefined;
      if (code === 0) {
        say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${relative(process.cwd(), logFile)})`);
        resolveBuild();
      } else if (!stopRequested)
        fail(
          `the build failed (exit ${code}); last lines of ${relative(process.cwd(), logFile)}:\n${tail(logFile, 30)}`,
        );
    });
    nx.on('error', (error) => fail(`cannot run nx: ${error.message}`));
  });
}

/** Ends a running build (its exit is then not reported as a failure). */
export function stopBuild() {
  stopRequested = true;
  building?.kill('SIGTERM');
}

/** The path of a package's built `file` under `appsDir`; exits with advice when it is missing. */
export function builtEntry(appsDir, pkg, file) {
  const path = join(appsDir, pkg, file);
  if (!existsSync(path))
    fail(
      `${relative(ROOT, path)} is missing: build first (npx nx run-many -t build -p lb-server jokes-api static-site), or run without --no-build`,
    );
  return path;
}
