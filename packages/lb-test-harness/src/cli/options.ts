/**
 * The typed options each `lb-harness` command hands to its action once commander has parsed and
 * validated them (see program.ts), and the actions' interface.
 */
import type { BenchPart } from '../bench/run-bench';
import type { TargetName } from '../bench/targets';
import type { ScenarioId, StrategyId } from '../model/types';
import type { EntryPreference } from '../procs/node-entry';

/** Options shared by the commands that write reports. */
export interface ReportOptions {
  /** Directory the report folder goes in. */
  readonly out: string;
  /** False with `--no-report`. */
  readonly report: boolean;
}

/** `lb-harness simulate` options. */
export interface SimulateOptions extends ReportOptions {
  readonly scenarios: ScenarioId[];
  readonly strategies: StrategyId[];
  readonly requests: number;
  readonly rps: number;
  readonly clients: number;
  readonly seed: number;
}

/** `lb-harness compare` options. */
export interface CompareOptions extends ReportOptions {
  readonly scenarios?: ScenarioId[];
  readonly strategies: StrategyId[];
  readonly requests: number;
  readonly seconds: number;
  readonly clients: number;
  readonly rate: number;
  readonly warmup: number;
  readonly servers?: number;
  readonly delay: Record<string, number>;
  readonly failRate: Record<string, number>;
  readonly target?: string;
  readonly path: string;
  readonly host?: string;
  readonly distinctIps: boolean;
  readonly junction: EntryPreference;
  readonly healthInterval: number;
  readonly progress: boolean;
}

/** `lb-harness bench` options. */
export interface BenchCliOptions extends ReportOptions {
  readonly parts: BenchPart[];
  readonly targets: TargetName[];
  readonly rounds: number;
  readonly duration: number;
  readonly warmup: number;
  /** Seconds each throughput target sits idle after it starts, before its warm-up. */
  readonly idle: number;
  readonly connections: number;
  readonly generator: 'auto' | 'wrk' | 'builtin';
  readonly junction: EntryPreference;
  readonly pin: 'auto' | 'off';
  readonly retryDisturbed: number;
  readonly workers: number[];
  readonly routes: number[];
  readonly rewrites: number;
  readonly settle: number;
  readonly handshakeClients: number;
}

/** What each command does once its options are parsed. */
export interface Actions {
  simulate(options: SimulateOptions): Promise<void>;
  compare(options: CompareOptions): Promise<void>;
  bench(options: BenchCliOptions): Promise<void>;
}
