/**
 * Benchmark support: runs a bench script of this folder in its own Node process (TypeScript
 * sources through tsx), so the figures of what it serves are its own; resolves with the process
 * and the first IPC message it sends (its address, typically), after sending it `message`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const EXEC_ARGV = ['--conditions=junction-source', '--import', 'tsx'];

/** Forks `script` (relative to this folder) and waits for its first message. */
export function child<T>(script: string, message?: object): Promise<{ proc: ChildProcess; reply: T }> {
  const proc = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    execArgv: EXEC_ARGV,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    proc.once('message', (reply) => resolve({ proc, reply: reply as T }));
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    if (message !== undefined) proc.send(message);
  });
}
