/**
 * The progress bar of a comparison (cli-progress): requests sent across all runs, and the
 * current run's name. On a terminal that is not a TTY (CI logs) it prints one line per run.
 */
import { SingleBar, Presets } from 'cli-progress';

/** What runners report progress to. */
export interface Progress {
  start(total: number): void;
  /** A new run starts; `base` is the count of requests budgeted to the runs before it. */
  run(label: string, base: number): void;
  tick(): void;
  stop(): void;
}

/** A progress sink that does nothing (tests, `--quiet`). */
export const NO_PROGRESS: Progress = { start: () => {}, run: () => {}, tick: () => {}, stop: () => {} };

/** A cli-progress bar on stderr, or plain run lines when stderr is not a TTY. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    return { start: () => {}, run: (label: string) => stream.write(`… ${label}\n`), tick: () => {}, stop: () => {} };
  }
  const bar = new SingleBar(
    {
      format: ' {bar} {percentage}% | {value}/{total} requests | {run}',
      stream,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let value = 0;
  return {
    start: (total) => bar.start(total, 0, { run: '' }),
    run: (label, base) => {
      value = base;
      bar.update(value, { run: label });
    },
    tick: () => bar.update(++value),
    stop: () => bar.stop(),
  };
}
