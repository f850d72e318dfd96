/**
 * Container management for the dashboard through dockerode, injected as a narrow
 * {@link ContainerClient} (STYLE §3): list every container (running and stopped) with image, state,
 * health, ports and labels; start, stop, restart, remove; tail logs. Engine failures become
 * `DASH_DOCKER_FAILED` (or `DASH_NOT_FOUND` for an unknown container) with the engine's message.
 */
import type Dockerode from 'dockerode';
import { composeIdentity } from '../containers/compose';
import { healthFromStatus } from '../containers/health';
import { demuxLogs, type LogLine } from './docker-logs';
import { dashboardError, isDashboardError } from './errors';
import type { ContainerState } from './state-types';

/** The dockerode calls the dashboard makes. */
export type ContainerClient = Pick<Dockerode, 'listContainers' | 'getContainer' | 'createContainer' | 'getNetwork'>;

/** Most log lines a tail may ask for. */
export const MAX_LOG_LINES = 5000;
/** Seconds a container gets to stop before it is killed. */
export const STOP_TIMEOUT_SECONDS = 10;

/** Maps an engine error to a coded dashboard error. */
export function engineError(error: unknown, what: string): Error {
  if (isDashboardError(error)) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  const reason = (error as { json?: { message?: unknown } }).json?.message;
  const message = typeof reason === 'string' ? reason : (error as Error).message;
  if (status === 404) return dashboardError('DASH_NOT_FOUND', `${what}: ${message}`, error);
  if (status === 304) return dashboardError('DASH_CONFLICT', `${what}: already in that state`, error);
  if (status === 409) return dashboardError('DASH_CONFLICT', `${what}: ${message}`, error);
  return dashboardError('DASH_DOCKER_FAILED', `${what}: ${message}`, error);
}

type ListEntry = Dockerode.ContainerInfo;

function portsOf(entry: ListEntry): string[] {
  const seen = new Set<string>();
  for (const p of entry.Ports ?? []) {
    const published =
      p.PublicPort === undefined || p.PublicPort === 0
        ? ''
        : `${p.IP !== undefined && p.IP !== '' ? `${p.IP}:` : ''}${p.PublicPort}->`;
    seen.add(`${published}${p.PrivatePort}/${p.Type}`);
  }
  return [...seen].sort();
}

/** A `GET /containers/json` entry as the dashboard shows it. */
export function containerState(entry: ListEntry): ContainerState {
  const labels = entry.Labels ?? {};
  const compose = composeIdentity({ labels });
  const number = Number(compose?.number);
  const name = (entry.Names?.find((n) => n.lastIndexOf('/') === 0) ?? entry.Names?.[0] ?? entry.Id).replace(/^\//, '');
  return {
    id: entry.Id,
    name,
    image: entry.Image,
    state: entry.State,
    status: entry.Status,
    health: healthFromStatus(entry.Status),
    created: entry.Created,
    ports: portsOf(entry),
    labels,
    ...(compose === undefined
      ? {}
      : {
          compose: {
            project: compose.project,
            service: compose.service,
            ...(Number.isInteger(number) && number > 0 ? { number } : {}),
          },
        }),
  };
}

/** Container operations (see module comment). */
export class ContainerManager {
  readonly #docker: ContainerClient;

  constructor(docker: ContainerClient) {
    this.#docker = docker;
  }

  /** Every container, running or not, sorted by name. */
  async list(): Promise<ContainerState[]> {
    try {
      const entries = await this.#docker.listContainers({ all: true });
      return entries.map(containerState).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      throw engineError(error, 'list containers');
    }
  }

  /** Starts, stops or restarts a container (by id or name). */
  async lifecycle(id: string, action: 'start' | 'stop' | 'restart'): Promise<void> {
    const container = this.#docker.getContainer(id);
    try {
      if (action === 'start') await container.start();
      else if (action === 'stop') await container.stop({ t: STOP_TIMEOUT_SECONDS });
      else await container.restart({ t: STOP_TIMEOUT_SECONDS });
    } catch (error) {
      throw engineError(error, `${action} ${id}`);
    }
  }

  /** Removes a container; `force` also kills a running one. */
  async remove(id: string, force: boolean): Promise<void> {
    try {
      await this.#docker.getContainer(id).remove({ force, v: false });
    } catch (error) {
      throw engineError(error, `remove ${id}`);
    }
  }

  /** The last `tail` lines of a container's stdout and stderr, with Docker's timestamps. */
  async logs(id: string, tail: number): Promise<LogLine[]> {
    if (!Number.isInteger(tail) || tail < 1 || tail > MAX_LOG_LINES)
      throw dashboardError('DASH_BAD_REQUEST', `tail must be an integer from 1 to ${MAX_LOG_LINES}`);
    const container = this.#docker.getContainer(id);
    try {
      const info = await container.inspect();
      const buf = await container.logs({ stdout: true, stderr: true, tail, timestamps: true, follow: false });
      return demuxLogs(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf)), info.Config.Tty);
    } catch (error) {
      throw engineError(error, `logs of ${id}`);
    }
  }
}
