/**
 * The settings of `npm start`: command-line flags and environment variables, checked (ports,
 * token), and whether the two ports Junction listens on can be bound.
 */
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { probePort } from './net.mjs';
import { fail } from './report.mjs';

/** The repository's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The ports, token and folders of this run, from the command line and the environment. */
export function readSettings() {
  const { values } = parseArgs({
    options: {
      'no-build': { type: 'boolean', default: false },
      'apps-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: node scripts/demo/start.mjs [--no-build] [--apps-dir DIR]   (env JUNCTION_WEB_PORT, JUNCTION_UI_PORT, JUNCTION_API_TOKEN, JUNCTION_RUN_DIR)',
    );
    process.exit(0);
  }
  const port = (name, fallback) => {
    const raw = process.env[name] ?? String(fallback);
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) fail(`${name}=${raw} is not a port (1-65535)`);
    return n;
  };
  const web = port('JUNCTION_WEB_PORT', 8000);
  const ui = port('JUNCTION_UI_PORT', 2205);
  if (web === ui) fail(`JUNCTION_WEB_PORT and JUNCTION_UI_PORT are both ${web}`);
  const token = process.env.JUNCTION_API_TOKEN ?? randomBytes(18).toString('base64url');
  if (token.length < 16) fail('JUNCTION_API_TOKEN must be at least 16 characters');
  const appsDir = values['apps-dir'] === undefined ? join(ROOT, 'packages') : resolve(values['apps-dir']);
  const runDir = resolve(ROOT, process.env.JUNCTION_RUN_DIR ?? '.junction-run');
  return { web, ui, token, appsDir, runDir, build: !values['no-build'] && values['apps-dir'] === undefined };
}

/** Exits with advice when the web or the UI port cannot be bound on 127.0.0.1. */
export async function checkPorts(settings) {
  for (const [port, variable] of [
    [settings.web, 'JUNCTION_WEB_PORT'],
    [settings.ui, 'JUNCTION_UI_PORT'],
  ]) {
    const state = await probePort(port);
    if (state === 'free') continue;
    const why =
      state === 'EADDRINUSE'
        ? 'is already in use by another program'
        : state === 'EACCES'
          ? 'needs privileges to bind'
          : `cannot be bound (${state})`;
    fail(
      `port ${port} on 127.0.0.1 ${why}: stop that program (\`ss -ltnp 'sport = :${port}'\` shows it) or choose another port, e.g. ${variable}=${port + 1} npm start`,
    );
  }
}
