#!/usr/bin/env node
/**
 * `lb-harness`: the harness's command-line entry. Parses the command line, runs the command,
 * stops every child process it started, and exits 1 with the error's code on failure.
 */
import { ChildGroup } from '../procs/child';
import { ACTIONS } from './actions';
import { createProgram } from './program';

async function main(): Promise<void> {
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping child processes…\n`);
    void ChildGroup.global.stopAll(1000).finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await createProgram(ACTIONS).parseAsync(process.argv);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    await ChildGroup.global.stopAll(2000);
  }
}

void main();
