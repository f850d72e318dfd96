#!/usr/bin/env node
/**
 * `npm start`: the lab's demo on one machine, no Docker. Builds lb-server, jokes-api and
 * static-site (Nx, cached), then runs 3 jokes APIs and 2 static sites on free loopback ports and
 * Junction in front of them with a file provider (`<run dir>/dynamic.yml`, generated), its web
 * entry point on 127.0.0.1:8000 and the API/dashboard on 127.0.0.1:2205. Ctrl-C stops everything
 * it started, by PID, and exits 0. After a crash (the runner killed with -9), the next run stops
 * the processes the crashed one left (see processes.mjs) before starting.
 *
 *     node scripts/demo/start.mjs [--no-build] [--apps-dir DIR]
 *
 *   --no-build        use the existing builds (packages/<name>/dist)
 *   --apps-dir DIR    run <DIR>/<name>/dist/… instead of packages/<name>/dist/… (implies --no-build;
 *                     e.g. bundles staged by `node docker/scripts/build-image.mjs all --stage-only --out DIR`)
 *
 * Environment: JUNCTION_WEB_PORT (8000), JUNCTION_UI_PORT (2205), JUNCTION_API_TOKEN (else one is
 * generated), JUNCTION_RUN_DIR (.junction-run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// The demo runs lb-server as a program, with the Node flags its own launcher uses: read from the
// launcher's file (not a library import, so no project edge; lb-server's tests depend on scripts/).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { NODE_FLAGS, PROCESS_ENV } from '../../packages/lb-server/bin/node-flags.mjs';
import { build, builtEntry, stopBuild } from './build.mjs';
import { demoConfig } from './config.mjs';
import { freePorts, httpGet } from './net.mjs';
import {
  commandOf,
  isAlive,
  isSameProcess,
  readRecord,
  removeRecord,
  sleep,
  startChild,
  stopAll,
  writeRecord,
} from './processes.mjs';
import { fail, noteRecordedIn, printBanner, say, tail } from './report.mjs';
import { checkPorts, readSettings } from './settings.mjs';

/** Stops what a crashed run left, or exits if that run is still alive. */
async function cleanLeftovers(runDir) {
  const old = readRecord(runDir);
  if (old === undefined) return;
  if (old.runner !== undefined && old.runner.pid !== process.pid && isSameProcess(old.runner.pid, old.runner.argv)) {
    fail(
      `another demo is running (pid ${old.runner.pid}, run folder ${runDir}): stop it first (Ctrl-C in its terminal, or kill ${old.runner.pid})`,
    );
  }
  const ours = (old.children ?? []).filter((c) => isSameProcess(c.pid, c.argv));
  if (ours.length > 0) {
    say(
      `stopping ${ours.length} process(es) left by a previous run: ${ours.map((c) => `${c.name} (pid ${c.pid})`).join(', ')}`,
    );
    await stopAll(ours, 5_000);
  }
  removeRecord(runDir);
}

async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return true;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

async function main() {
  const settings = readSettings();
  const { runDir, appsDir } = settings;
  const logs = join(runDir, 'logs');
  mkdirSync(logs, { recursive: true });
  await cleanLeftovers(runDir);
  const record = {
    runner: { name: 'runner', pid: process.pid, argv: commandOf(process.pid) ?? process.argv },
    children: [],
  };
  writeRecord(runDir, record);
  noteRecordedIn(runDir);

  const running = new Map(); // name → { record, child, log }
  let stopping = false;
  const shutdown = async (code, reason) => {
    if (stopping) return;
    stopping = true;
    if (reason !== undefined) say(reason);
    stopBuild();
    const list = [...running.values()].map((r) => r.record);
    const killed = await stopAll(list, 12_000);
    if (killed.length > 0) say(`killed (did not stop within 12 s): ${killed.join(', ')}`);
    removeRecord(runDir);
    say(code === 0 ? `stopped ${list.length} process(es); bye` : 'stopped');
    process.exit(code);
  };
  // Ctrl-C under npm arrives twice (from the terminal, and forwarded by npm): a second signal
  // forces the stop only when it comes more than a second after the first.
  let firstSignalAt = 0;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (!stopping) {
        firstSignalAt = Date.now();
        return void shutdown(0, `${sig}: stopping…`);
      }
      if (Date.now() - firstSignalAt < 1_000) return;
      say(`${sig} again: killing`);
      for (const { record: r } of running.values()) if (isAlive(r.pid)) process.kill(r.pid, 'SIGKILL');
      removeRecord(runDir);
      process.exit(1);
    });
  }

  if (settings.build) await build(join(logs, 'build.log'));
  const jokesJs = builtEntry(appsDir, 'jokes-api', 'dist/server.js');
  const staticJs = builtEntry(appsDir, 'static-site', 'dist/server.js');
  const junctionJs = builtEntry(appsDir, 'lb-server', 'dist/main.js');
  await checkPorts(settings);
  const [j1, j2, j3, s1, s2] = await freePorts(5, [settings.web, settings.ui]);
  const jokes = [j1, j2, j3];
  const statics = [s1, s2];
  const configFile = join(runDir, 'dynamic.yml');
  writeFileSync(configFile, demoConfig({ jokes, statics }));
  const tokenFile = join(runDir, 'api-token');
  writeFileSync(tokenFile, `${settings.token}\n`, { mode: 0o600 });

  const start = (name, argv, env) => {
    const log = join(logs, `${name}.log`);
    writeFileSync(log, '');
    const started = startChild(name, argv, env, log);
    running.set(name, { ...started, log });
    record.children.push(started.record);
    writeRecord(runDir, record);
    started.child.on('exit', (code, signal) => {
      if (!stopping)
        void shutdown(
          1,
          `${name} exited unexpectedly (${signal ?? `code ${code}`}); last lines of ${relative(process.cwd(), log)}:\n${tail(log)}`,
        );
    });
  };
  const appEnv = (extra) => ({ ...process.env, HOST: '127.0.0.1', ...extra });
  say(`starting 3 jokes APIs (127.0.0.1:${jokes.join(', ')}) and 2 static sites (127.0.0.1:${statics.join(', ')})…`);
  jokes.forEach((port, i) => start(`jokes-${i + 1}`, [process.execPath, jokesJs], appEnv({ PORT: String(port) })));
  statics.forEach((port, i) =>
    start(
      `static-${i + 1}`,
      [process.execPath, staticJs],
      appEnv({ PORT: String(port), NODE_NAME: `static-${i + 1}` }),
    ),
  );
  const healthy = await waitFor(
    'backends',
    async () =>
      (await Promise.all([...jokes, ...statics].map((p) => httpGet(`http://127.0.0.1:${p}/health`)))).every(
        (r) => r.status === 200,
      ),
    20_000,
  );
  if (!healthy)
    return shutdown(1, `the demo apps did not answer /health within 20 s; logs in ${relative(process.cwd(), logs)}/`);

  say('starting Junction…');
  const junctionEnv = {
    ...PROCESS_ENV,
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(JUNCTION|TRAEFIK)_/i.test(k))),
  };
  start(
    'junction',
    [
      process.execPath,
      ...NODE_FLAGS,
      junctionJs,
      `--entryPoints.web.address=127.0.0.1:${settings.web}`,
      `--entryPoints.traefik.address=127.0.0.1:${settings.ui}`,
      '--api',
      '--ping',
      `--api.tokenFile=${tokenFile}`,
      // Overrides made in the demo stay in its run folder, not in the user's ~/.local/state.
      `--api.stateFile=${join(runDir, 'overrides.json')}`,
      `--providers.file.filename=${configFile}`,
      '--providers.providersThrottleDuration=200ms',
      '--log.level=INFO',
      '--accessLog',
      `--accessLog.filePath=${join(logs, 'access.log')}`,
    ],
    junctionEnv,
  );
  const web = `http://127.0.0.1:${settings.web}`;
  const ready = await waitFor(
    'Junction',
    async () => {
      const [page, api] = await Promise.all([
        httpGet(`${web}/`, { host: 'demo.res.ch' }),
        httpGet(`${web}/api/jokes/`, { host: 'demo.res.ch' }),
      ]);
      return page.status === 200 && api.status === 200;
    },
    20_000,
  );
  if (!ready)
    return shutdown(
      1,
      `Junction did not route the demo within 20 s; last lines of its log:\n${tail(join(logs, 'junction.log'))}`,
    );

  printBanner(settings, runDir, junctionJs);
}

await main();
