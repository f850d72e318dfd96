#!/usr/bin/env -S MALLOC_ARENA_MAX=1 node --max-semi-space-size=4
// `lb-server`: runs the built proxy (dist/main.js). Right after `npm ci` there is no build yet, so
// it runs the TypeScript sources through tsx instead (`JUNCTION_FROM_SOURCE=1` forces that).
// The first line's environment and Node flags are node-flags.mjs's PROCESS_ENV and NODE_FLAGS (a
// test keeps them equal); run as `node bin/lb-server.js` they are not applied, so pass them
// yourself then.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/main.js', import.meta.url);
const args = process.argv.slice(2);

if (existsSync(fileURLToPath(dist)) && !process.env.JUNCTION_FROM_SOURCE) {
  const { run } = await import(dist.href);
  run(args);
} else {
  let tsx;
  try {
    tsx = import.meta.resolve('tsx');
  } catch {
    process.stderr.write(
      'lb-server: dist/main.js is missing and tsx is not installed; run `npm run build -w @junction/lb-server` first.\n',
    );
    process.exit(1);
  }
  const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--conditions=junction-source', '--import', tsx, source, ...args],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
}
