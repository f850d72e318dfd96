/**
 * Finding the external programs a benchmark uses (wrk, nginx, haproxy, caddy, openssl) and saying how to
 * install the missing ones from Debian.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian package that provides each program. */
export const DEBIAN_PACKAGES: Readonly<Record<string, string>> = Object.freeze({
  wrk: 'wrk',
  nginx: 'nginx-light',
  haproxy: 'haproxy',
  caddy: 'caddy',
  openssl: 'openssl',
});

/** The command that installs every program the benchmark can use. */
export const INSTALL_HINT = 'apt-get install nginx-light haproxy caddy wrk openssl';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of `name` on PATH (plus the sbin directories), or `undefined`. */
export function findExecutable(
  name: string,
  pathVar: string = process.env.PATH ?? '',
  isExecutable: (path: string) => boolean = executable,
): string | undefined {
  const dirs = [...pathVar.split(delimiter).filter(Boolean), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of new Set(dirs)) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** `nginx not installed: skipped (apt-get install nginx-light)` */
export function missingMessage(name: string): string {
  return `${name} not installed: skipped (install with: apt-get install ${DEBIAN_PACKAGES[name] ?? name})`;
}
