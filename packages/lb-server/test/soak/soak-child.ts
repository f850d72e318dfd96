/**
 * The soak test's Junction child (soak.ts): starts `src/main.ts` through tsx with the Node flags
 * and environment Junction ships with (`bin/node-flags.mjs`), extra flags, and the preloaded probe (`probe.ts`);
 * measures it from outside — RSS and its anonymous and file-backed parts from
 * `/proc/<pid>/status`, open sockets from `/proc/<pid>/fd` — and from inside through the probe
 * (active resources by type and V8's memory, after a full GC).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS as SHIPPED_NODE_FLAGS, PROCESS_ENV } from '../../bin/node-flags.mjs';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const PROBE = fileURLToPath(new URL('./probe.ts', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What one measurement of the child found. */
export interface Sample {
  readonly rssKiB: number;
  /** Private memory (heaps, allocator arenas, stacks): where a leak shows. */
  readonly anonKiB: number;
  /** Pages of the node binary and libraries read from disk: grows as more code runs, reclaimable. */
  readonly fileKiB: number;
  readonly sockets: number;
  readonly heapUsedMiB: number;
  readonly resources: Record<string, number>;
  /** Committed V8 heap, C++ objects and buffers outside it, and the young generation, MiB. */
  readonly heapTotalMiB: number;
  readonly externalMiB: number;
  readonly newSpaceMiB: number;
}

/** What the probe answers (see probe.ts). */
interface ProbeAnswer {
  readonly resources: Record<string, number>;
  readonly memory: { heapUsed: number; heapTotal: number; external: number; spaces: Record<string, number> };
}

const MiB = 2 ** 20;

/** A `kB` field of `/proc/<pid>/status` (`VmRSS`, `RssAnon`, `RssFile`). */
export function statusKiB(pid: number, field: 'VmRSS' | 'RssAnon' | 'RssFile'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(/\d+/.exec(line ?? '')?.[0] ?? Number.NaN);
}

/** How many sockets the process holds open. */
function sockets(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

/** Asks the probe for a measurement (`message`: see probe.ts) and adds the outside figures. */
export function probe(child: ChildProcess, message = 'probe'): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the probe did not answer within 10 s')), 10_000);
    const onMessage = (message: { probe?: ProbeAnswer }): void => {
      if (message.probe === undefined) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      const pid = child.pid ?? 0;
      const { memory, resources } = message.probe;
      resolve({
        rssKiB: statusKiB(pid, 'VmRSS'),
        anonKiB: statusKiB(pid, 'RssAnon'),
        fileKiB: statusKiB(pid, 'RssFile'),
        sockets: sockets(pid),
        resources,
        heapUsedMiB: memory.heapUsed / MiB,
        heapTotalMiB: memory.heapTotal / MiB,
        externalMiB: memory.external / MiB,
        newSpaceMiB: (memory.spaces.new_space ?? 0) / MiB,
      });
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** Probes until sockets and resources are the same twice in a row (connections closing), at most 15 s. */
export async function settled(child: ChildProcess): Promise<Sample> {
  let last = await probe(child);
  for (let i = 0; i < 15; i++) {
    await sleep(1_000);
    const next = await probe(child);
    if (next.sockets === last.sockets && JSON.stringify(next.resources) === JSON.stringify(last.resources)) return next;
    last = next;
  }
  return last;
}

/** One line of a sample's figures. */
export const describeSample = (s: Sample): string =>
  `RSS ${(s.rssKiB / 1024).toFixed(1)} MiB = anonymous ${(s.anonKiB / 1024).toFixed(1)} + file ${(s.fileKiB / 1024).toFixed(1)} (V8 heap ${s.heapTotalMiB.toFixed(1)} MiB committed, ${s.heapUsedMiB.toFixed(1)} used, young generation ${s.newSpaceMiB.toFixed(1)}; external ${s.externalMiB.toFixed(1)}), ${s.sockets} sockets, resources ${JSON.stringify(s.resources)}`;

/** Starts the child on `file` (a file provider) with `nodeFlags` added; resolves once it listens. */
export async function startChild(
  file: string,
  nodeFlags: readonly string[],
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(
    process.execPath,
    [
      ...SHIPPED_NODE_FLAGS,
      ...nodeFlags,
      '--expose-gc',
      '--conditions=junction-source',
      '--import',
      'tsx',
      '--import',
      PROBE,
      'src/main.ts',
      '--entrypoints.web.address=127.0.0.1:0',
      `--providers.file.filename=${file}`,
      '--log.level=INFO',
      '--serversTransport.forwardingTimeouts.idleConnTimeout=2s',
    ],
    { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...PROCESS_ENV, ...process.env } },
  );
  let out = '';
  const keep = (chunk: Buffer): void => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const line = out.split('\n').find((l) => l.includes('"entry point listening"'));
    if (line !== undefined) return { child, port: (JSON.parse(line) as { port: number }).port, output: () => out };
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`Junction did not listen; output:\n${out}`);
    }
    await sleep(50);
  }
}
