/**
 * Junction as a benchmark target: its dynamic configuration written into the target's private
 * directory, its web and admin entry points on free loopback ports, and the process pinned to
 * the proxy's CPU when the plan pins. Shared by the HTTP targets and the HTTPS benchmark.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startJunction, type Junction } from '../procs/junction';
import type { EntryPreference } from '../procs/node-entry';
import { freePort } from '../procs/ports';
import { onCpu } from './cpus';

/** Options of {@link startBenchJunction}. */
export interface BenchJunctionOptions {
  readonly root: string;
  /** The target's private directory (created); `dynamic.yml` is written into it. */
  readonly dir: string;
  /** The dynamic configuration (YAML). */
  readonly yaml: string;
  readonly prefer?: EntryPreference;
  /** CPU the proxy runs on, alone (undefined: unpinned). */
  readonly proxyCpu?: number | string;
  /** Flags after the harness's own (extra entry points, `--workers`). */
  readonly extraFlags?: readonly string[];
}

/**
 * The report's note on a Junction target: how it runs (`how`), from which build, and what its
 * configuration exercises besides what every Junction target has.
 */
export function junctionNote(j: Pick<Junction, 'from'>, how: string, exercises: string): string {
  const always = 'sticky cookie, forwarded headers, Prometheus metrics';
  return `${how}, Node ${process.version} (lb-server ${j.from}); ${exercises}, ${always}`;
}

/** Starts Junction for a benchmark run and waits until `/ping` answers. */
export async function startBenchJunction(o: BenchJunctionOptions): Promise<Junction> {
  await mkdir(o.dir, { recursive: true });
  const dynamicFile = join(o.dir, 'dynamic.yml');
  await writeFile(dynamicFile, o.yaml);
  return startJunction({
    root: o.root,
    dynamicFile,
    webPort: await freePort(),
    adminPort: await freePort(),
    prefer: o.prefer,
    extraFlags: o.extraFlags,
    wrap: (command, args) => onCpu(o.proxyCpu, command, args),
  });
}
