/**
 * The load generator a benchmark uses: wrk when installed (one thread, pinned to the load CPU
 * when the plan pins), else the built-in undici generator, which runs inside the harness's own
 * process (so the harness itself is pinned to the load CPU for the run). Says which one ran.
 */
import { HarnessError } from '../errors';
import { runBuiltinLoad } from './builtin-load';
import { onCpu, pinProcess } from './cpus';
import type { LoadResult } from './load-result';
import { findExecutable, missingMessage } from './tools';
import { runWrk } from './wrk';

/** A load generator bound to a CPU placement. */
export interface Generator {
  /** For the report: `wrk (/usr/bin/wrk, 1 thread)`. */
  readonly description: string;
  /** Runs closed-loop load against `url` for `seconds`. */
  run(url: string, seconds: number): Promise<LoadResult>;
  /** Undoes any pinning of the harness process. */
  release(): void;
}

/** Which generator the user asked for. */
export type GeneratorChoice = 'auto' | 'wrk' | 'builtin';

/**
 * Picks the generator. `cpu` places it (a CPU number, a list such as `0,1`, or undefined: as
 * the harness runs). Throws `HARNESS_MISSING` when wrk is required and absent.
 */
export function chooseGenerator(
  choice: GeneratorChoice,
  connections: number,
  cpu: number | string | undefined,
  log: (line: string) => void,
): Generator {
  const wrk = choice === 'builtin' ? undefined : findExecutable('wrk');
  if (choice === 'wrk' && wrk === undefined) throw new HarnessError('HARNESS_MISSING', missingMessage('wrk'));
  if (wrk !== undefined) {
    return {
      description: `wrk (${wrk}, 1 thread)`,
      run: (url, seconds) => runWrk(wrk, url, seconds, connections, (command, args) => onCpu(cpu, command, args)),
      release: () => {},
    };
  }
  if (choice === 'auto') log(`${missingMessage('wrk')}; using the built-in undici generator`);
  const cpus = cpu === undefined ? [] : String(cpu).split(',').map(Number);
  let previous: number[] | undefined;
  try {
    previous = pinProcess(process.pid, cpus);
  } catch {
    previous = undefined;
  }
  return {
    description: 'built-in (undici, in the harness process)',
    run: (url, seconds) => runBuiltinLoad(url, seconds, connections),
    release: () => {
      if (previous !== undefined && previous.length > 0) pinProcess(process.pid, previous);
    },
  };
}
