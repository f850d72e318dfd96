/**
 * Test support: a throwaway certificate authority made with `openssl` (as CI installs it), issuing
 * server certificates for given DNS names and client certificates, so TLS tests verify chains as
 * real clients do instead of accepting anything.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';

/** A PEM certificate (leaf first) and its key. */
export interface IssuedPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A CA that issues pairs. */
export interface TestCa {
  readonly caPem: string;
  /** A server (or client) certificate for `names` (DNS names or IP addresses; the first is the CN), valid `days` (default 90). */
  issue(names: readonly string[], options?: { days?: number; client?: boolean; cn?: string }): IssuedPair;
  /** Removes the CA's working folder. */
  dispose(): void;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' });
}

/**
 * Writes a self-signed P-256 certificate for subject `/CN=<cn>`, valid `days`, with the
 * `-addext` values `extensions`: its key to `keyFile`, itself to `certFile` (relative to `cwd`).
 */
export function selfSignedP256(
  files: { keyFile: string; certFile: string; cwd?: string },
  cn: string,
  days: number,
  extensions: readonly string[],
): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      String(days),
      '-keyout',
      files.keyFile,
      '-out',
      files.certFile,
      '-subj',
      `/CN=${cn}`,
      ...extensions.flatMap((extension) => ['-addext', extension]),
    ],
    { cwd: files.cwd, stdio: 'ignore' },
  );
}

/** Creates a CA named `name` (see module comment). */
export function createTestCa(name = 'Junction Test CA'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'junction-ca-'));
  selfSignedP256({ keyFile: 'ca.key', certFile: 'ca.pem', cwd: dir }, name, 2, [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  let serial = 0;
  return {
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    issue(names, options = {}) {
      serial += 1;
      const base = `leaf${serial}`;
      const days = options.days ?? 90;
      const usage = options.client === true ? 'clientAuth' : 'serverAuth';
      const ext = [
        'basicConstraints=CA:FALSE',
        `extendedKeyUsage=${usage}`,
        ...(names.length > 0
          ? [`subjectAltName=${names.map((n) => (isIP(n) === 0 ? `DNS:${n}` : `IP:${n}`)).join(',')}`]
          : []),
      ].join('\n');
      writeFileSync(join(dir, `${base}.ext`), `${ext}\n`);
      openssl(
        [
          'req',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          `${base}.key`,
          '-out',
          `${base}.csr`,
          '-subj',
          `/CN=${options.cn ?? names[0] ?? 'client'}`,
        ],
        dir,
      );
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${base}.csr`,
          '-CA',
          'ca.pem',
          '-CAkey',
          'ca.key',
          '-set_serial',
          String(1000 + serial),
          '-days',
          String(days),
          '-extfile',
          `${base}.ext`,
          '-out',
          `${base}.pem`,
        ],
        dir,
      );
      return {
        certPem: readFileSync(join(dir, `${base}.pem`), 'utf8'),
        keyPem: readFileSync(join(dir, `${base}.key`), 'utf8'),
      };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
