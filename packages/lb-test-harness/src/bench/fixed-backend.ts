/**
 * The benchmark's backend: a minimal `node:http` server answering every request with the same
 * small body, so a benchmark measures the proxy rather than an application framework. Run it
 * as `node fixed-backend.ts` (Node ≥ 22.18 strips the types) with `PORT` and `BODY_BYTES`.
 * It uses only erasable TypeScript syntax and no imports but `node:http`, for that reason.
 */
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? '0');
const size = Number(process.env.BODY_BYTES ?? '128');
const name = process.env.BACKEND_NAME ?? 'backend';
const body = Buffer.from(`{"server":"${name}","pad":"${'x'.repeat(Math.max(0, size - name.length - 23))}"}\n`);

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `fixed backend ${name} on ${typeof address === 'object' && address !== null ? address.port : port}\n`,
  );
});
const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
