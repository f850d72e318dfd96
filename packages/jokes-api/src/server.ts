/**
 * Entry point of the jokes-api process: reads the environment, builds the app, listens on
 * `HOST:PORT`, logs one line, and shuts down gracefully on SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createIdentity } from './identity';
import { readOptions } from './options';
import { handleSignals } from './shutdown';

function main(): void {
  const options = readOptions(process.env);
  const identity = createIdentity();
  const app = createApp({ identity, delayMs: options.delayMs, failRate: options.failRate });
  const server = createServer(app);

  server.once('error', (err) => {
    console.error(`jokes-api: cannot listen on ${options.host}:${options.port}: ${err.message}`);
    process.exit(1);
  });
  server.listen({ port: options.port, host: options.host }, () => {
    const { port } = server.address() as AddressInfo;
    const faults =
      options.delayMs || options.failRate ? ` delay=${options.delayMs}ms failRate=${options.failRate}` : '';
    console.log(`jokes-api ${identity.id} (${identity.hostname}) listening on http://${options.host}:${port}${faults}`);
  });
  handleSignals(server, {
    timeoutMs: options.shutdownTimeoutMs,
    log: (message) => console.log(`jokes-api: ${message}`),
    exit: (code) => process.exit(code),
  });
}

try {
  main();
} catch (err) {
  console.error(`jokes-api: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
