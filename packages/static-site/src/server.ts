/**
 * Entry point of the static-site process: reads the environment, builds the app, listens on
 * `HOST:PORT`, logs one line, and shuts down gracefully on SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { readOptions } from './options';
import { PUBLIC_DIR } from './public-dir';
import { handleSignals } from './shutdown';

function main(): void {
  const options = readOptions(process.env);
  const server = createServer(createApp({ nodeName: options.nodeName }));

  server.once('error', (err) => {
    console.error(`static-site: cannot listen on ${options.host}:${options.port}: ${err.message}`);
    process.exit(1);
  });
  server.listen({ port: options.port, host: options.host }, () => {
    const { port } = server.address() as AddressInfo;
    console.log(
      `static-site node ${options.nodeName} listening on http://${options.host}:${port} serving ${PUBLIC_DIR}`,
    );
  });
  handleSignals(server, {
    timeoutMs: options.shutdownTimeoutMs,
    log: (message) => console.log(`static-site: ${message}`),
    exit: (code) => process.exit(code),
  });
}

try {
  main();
} catch (err) {
  console.error(`static-site: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
