/**
 * Test support: a real ACME CA on loopback — Pebble (Let's Encrypt's test server, Debian's
 * `/usr/bin/pebble`) with `pebble-challtestsrv` as its DNS server. Pebble gets its own TLS
 * certificate (made with openssl for `localhost`/127.0.0.1; Junction trusts it through
 * `LEGO_CA_CERTIFICATES = caFile`), validates challenges against `httpPort` (HTTP-01) and
 * `tlsPort` (TLS-ALPN-01) on 127.0.0.1 — the ports the test's Junction entry points listen on —
 * and resolves every name through challtestsrv, whose DNS answers 127.0.0.1 (no AAAA) unless a
 * test maps a name elsewhere with {@link PebbleLab.mapHost}. Pebble runs without its random
 * validation sleep (`PEBBLE_VA_NOSLEEP=1`) and without rejecting good nonces
 * (`PEBBLE_WFE_NONCEREJECT=0`). Both processes are stopped by PID.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/ports';
import { selfSignedP256 } from '../helpers/test-ca';

/** A running Pebble and challtestsrv. */
export interface PebbleLab {
  /** ACME directory, `https://127.0.0.1:<port>/dir`. */
  readonly directoryUrl: string;
  /** Pebble's own TLS certificate (what Junction must trust to talk to it). */
  readonly caFile: string;
  readonly caPem: string;
  /** Where Pebble validates HTTP-01 and TLS-ALPN-01: Junction's entry points listen here. */
  readonly httpPort: number;
  readonly tlsPort: number;
  /** Pebble's issuing root (`/roots/0`): verify issued certificates against it. */
  root(): Promise<string>;
  /** Makes challtestsrv answer `address` (only) for `host` (A record). */
  mapHost(host: string, address: string): Promise<void>;
  /** Stops both processes and removes the folder. */
  stop(): Promise<void>;
}

/** Options of {@link startPebble}. */
export interface PebbleOptions {
  /** Lifetime of issued certificates, seconds (Pebble's `certificateValidityPeriod`). */
  readonly validitySeconds?: number;
  /** Require external account binding with this key id and base64url HMAC key. */
  readonly eab?: { readonly kid: string; readonly hmac: string };
}

/** GET over HTTPS trusting `ca`; resolves with status and body. */
export function httpsGet(
  url: string,
  ca: string,
  method = 'GET',
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, timeout: 5000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.end(body);
  });
}

function postPlain(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', timeout: 5000, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${log()}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start in 15 s: ${log()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(
    () => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
    3000,
  );
  await exited;
  clearTimeout(timer);
}

/** Starts challtestsrv and Pebble (see module comment). */
export async function startPebble(options: PebbleOptions = {}): Promise<PebbleLab> {
  const dir = mkdtempSync(join(tmpdir(), 'junction-pebble-'));
  const caFile = join(dir, 'pebble-cert.pem');
  const keyFile = join(dir, 'pebble-key.pem');
  selfSignedP256({ keyFile, certFile: caFile }, 'localhost', 2, ['subjectAltName=DNS:localhost,IP:127.0.0.1']);
  const caPem = readFileSync(caFile, 'utf8');
  const [acmePort, mgmtPort, httpPort, tlsPort, dnsPort, challMgmtPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const configFile = join(dir, 'pebble-config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${acmePort}`,
        managementListenAddress: `127.0.0.1:${mgmtPort}`,
        certificate: caFile,
        privateKey: keyFile,
        httpPort,
        tlsPort,
        ocspResponderURL: '',
        externalAccountBindingRequired: options.eab !== undefined,
        ...(options.eab === undefined ? {} : { externalAccountMACKeys: { [options.eab.kid]: options.eab.hmac } }),
        ...(options.validitySeconds === undefined ? {} : { certificateValidityPeriod: options.validitySeconds }),
      },
    }),
  );
  const logs = { chall: '', pebble: '' };
  const chall = spawn(
    '/usr/bin/pebble-challtestsrv',
    [
      '-dns01',
      `127.0.0.1:${dnsPort}`,
      '-management',
      `127.0.0.1:${challMgmtPort}`,
      '-http01',
      '',
      '-https01',
      '',
      '-tlsalpn01',
      '',
      '-defaultIPv4',
      '127.0.0.1',
      '-defaultIPv6',
      '',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  chall.stdout?.on('data', (c: Buffer) => (logs.chall = (logs.chall + c.toString()).slice(-4000)));
  chall.stderr?.on('data', (c: Buffer) => (logs.chall = (logs.chall + c.toString()).slice(-4000)));
  const challUrl = `http://127.0.0.1:${challMgmtPort}`;
  let pebble: ChildProcess | undefined;
  try {
    await waitFor(
      'pebble-challtestsrv',
      async () => (await postPlain(`${challUrl}/clear-txt`, JSON.stringify({ host: 'probe.test.' }))) === 200,
      chall,
      () => logs.chall,
    );
    pebble = spawn('/usr/bin/pebble', ['-config', configFile, '-dnsserver', `127.0.0.1:${dnsPort}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0', PEBBLE_AUTHZREUSE: '0' },
    });
    pebble.stdout?.on('data', (c: Buffer) => (logs.pebble = (logs.pebble + c.toString()).slice(-8000)));
    pebble.stderr?.on('data', (c: Buffer) => (logs.pebble = (logs.pebble + c.toString()).slice(-8000)));
    const directoryUrl = `https://127.0.0.1:${acmePort}/dir`;
    await waitFor(
      'pebble',
      async () => (await httpsGet(directoryUrl, caPem)).status === 200,
      pebble,
      () => logs.pebble,
    );
    const started = pebble;
    return {
      directoryUrl,
      caFile,
      caPem,
      httpPort,
      tlsPort,
      async root() {
        const answer = await httpsGet(`https://127.0.0.1:${mgmtPort}/roots/0`, caPem);
        if (answer.status !== 200) throw new Error(`pebble /roots/0: ${answer.status}`);
        return answer.body;
      },
      async mapHost(host, address) {
        const fqdn = host.endsWith('.') ? host : `${host}.`;
        await postPlain(`${challUrl}/clear-a`, JSON.stringify({ host: fqdn }));
        const status = await postPlain(`${challUrl}/add-a`, JSON.stringify({ host: fqdn, addresses: [address] }));
        if (status !== 200) throw new Error(`challtestsrv add-a: ${status}`);
      },
      async stop() {
        await Promise.all([stopChild(started), stopChild(chall)]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all([pebble === undefined ? undefined : stopChild(pebble), stopChild(chall)]);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
