/**
 * Test support for `--workers`: which process owns a TCP connection. An upstream sees a
 * connection from Junction as its remote port; this finds the socket with that local port in
 * `/proc/net/tcp{,6}` and the process whose file descriptors hold it (Linux only), so a test can
 * tell which worker sent a request without any header the proxy would have to add.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { until } from './poll';

/** Inode of the socket whose local port is `localPort` and remote port `remotePort`, if open. */
function socketInode(localPort: number, remotePort: number): string | undefined {
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1]?.split(':')[1];
      const remote = fields[2]?.split(':')[1];
      if (
        local !== undefined &&
        remote !== undefined &&
        parseInt(local, 16) === localPort &&
        parseInt(remote, 16) === remotePort
      )
        return fields[9];
    }
  }
  return undefined;
}

/** The pid, among `pids`, holding the connection from local port `localPort` to `remotePort`. */
export function pidOfConnection(localPort: number, remotePort: number, pids: readonly number[]): number | undefined {
  const inode = socketInode(localPort, remotePort);
  if (inode === undefined) return undefined;
  const target = `socket:[${inode}]`;
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

/** Pids of the workers a Junction primary logged as started (in order), from its JSON log lines. */
export function workerPids(logs: readonly Record<string, unknown>[]): number[] {
  return logs.filter((l) => l.msg === 'worker started' && typeof l.pid === 'number').map((l) => l.pid as number);
}

/** Waits (30 s at most) until a Junction primary has logged `count` workers ready in all. */
export async function untilWorkersReady(
  logs: () => readonly Record<string, unknown>[],
  count: number,
  what: string,
): Promise<void> {
  await until(() => (logs().filter((l) => l.msg === 'worker ready').length >= count ? true : undefined), what, 30_000);
}
