/**
 * Does a `kill` event mean the container is stopping? `docker stop` sends the image's
 * `STOPSIGNAL` (SIGTERM unless set; httpd images use SIGWINCH), `docker kill` SIGKILL by default,
 * while `docker kill -s HUP` is often a reload. SIGTERM, SIGKILL, SIGINT and SIGQUIT always count;
 * any other signal counts when it is the container's own stop signal, which takes one inspect.
 */
import { constants } from 'node:os';
import type { DockerClient } from './endpoint';

const ALWAYS = new Set(['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGQUIT']);

/** A signal as Docker writes it (`15`, `SIGTERM`, `TERM`) → its canonical name, e.g. `SIGTERM`. */
export function signalName(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const t = text.trim().toUpperCase();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return Object.entries(constants.signals).find(([, value]) => value === n)?.[0];
  }
  return t.startsWith('SIG') ? t : `SIG${t}`;
}

/** True when a `kill` with this signal stops the container (see module comment). */
export async function isTerminatingKill(
  client: Pick<DockerClient, 'getContainer'>,
  containerId: string,
  signal: string | undefined,
): Promise<boolean> {
  const name = signalName(signal);
  if (name === undefined || ALWAYS.has(name)) return true;
  try {
    const inspected = await client.getContainer(containerId).inspect();
    // `Config.StopSignal` is in the API but missing from @types/dockerode.
    const config: { readonly StopSignal?: string } & typeof inspected.Config = inspected.Config;
    return signalName(config.StopSignal ?? 'SIGTERM') === name;
  } catch {
    return false;
  }
}
