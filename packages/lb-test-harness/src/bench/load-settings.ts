/**
 * The settings every load-driving benchmark run shares (throughput, workers scaling and the
 * benchmark as a whole): where the repository is, which Junction entry runs, and how the load
 * generator drives each round.
 */
import type { EntryPreference } from '../procs/node-entry';
import type { GeneratorChoice } from './generator';

/** How a benchmark run drives load. */
export interface LoadSettings {
  /** The repository root (lb-server is found under it). */
  readonly root: string;
  /** Interleaved rounds; each visits every target once. */
  readonly rounds: number;
  readonly durationS: number;
  readonly warmupS: number;
  /** Keep-alive connections of the load generator. */
  readonly connections: number;
  readonly generator: GeneratorChoice;
  readonly prefer?: EntryPreference;
}

/** Just the {@link LoadSettings} of `o`, to hand to a part of the benchmark. */
export function loadSettings(o: LoadSettings): LoadSettings {
  const { root, rounds, durationS, warmupS, connections, generator, prefer } = o;
  return { root, rounds, durationS, warmupS, connections, generator, prefer };
}
