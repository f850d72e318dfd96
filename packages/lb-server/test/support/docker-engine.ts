/**
 * Finds or starts the Docker engine for tests against a real dockerd. If `docker info` answers,
 * that engine is used and never restarted or stopped. Otherwise, when running as root with
 * `dockerd` installed, one is started in the background (own log file, `--live-restore` so a
 * restart keeps containers running; `liveRestore: false` for a swarm, which refuses it) and
 * stopped by {@link releaseDockerEngine} once no test file
 * uses it any more. A lock directory makes parallel test files share one engine: never two daemons
 * in the host network namespace (see /work/shared/notes/docker-here.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processStart } from '../helpers/process-start';

const STATE_DIR = join(tmpdir(), 'junction-test-dockerd');
const USERS_DIR = join(STATE_DIR, 'users');
const PID_FILE = join(STATE_DIR, 'pid');
/** One file per live {@link holdEngineSteady} holder (`<pid>-<random>`). */
const STEADY_DIR = join(STATE_DIR, 'steady');
/** Holds the PID of the process restarting the daemon, while it does. */
const RESTARTING_FILE = join(STATE_DIR, 'restarting');
/** How long a restart waits for steady holders, and a holder for a restart, before going ahead. */
const STEADY_WAIT_MS = 120_000;
const START_TIMEOUT_MS = 20_000;

/** The engine a test file uses. */
export interface DockerEngine {
  readonly available: boolean;
  /** Why it is not available (one line, for the skip message). */
  readonly reason: string;
  /** True when this process started dockerd (only then may a test restart it). */
  readonly owned: boolean;
  readonly socketPath: string;
  readonly logFile: string;
  readonly user: string;
}

/** True when `docker info` answers. */
export function engineAnswers(): boolean {
  return (
    spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 10_000 }).status === 0
  );
}

/** Finds or starts an engine (see module comment); never throws. */
export async function acquireDockerEngine(options: { liveRestore?: boolean } = {}): Promise<DockerEngine> {
  const socketPath = '/var/run/docker.sock';
  const logFile = join(STATE_DIR, 'dockerd.log');
  const user = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const base = { socketPath, logFile, user };
  if (spawnSync('docker', ['--version'], { stdio: 'ignore' }).status !== 0)
    return { ...base, available: false, owned: false, reason: 'the docker CLI is not installed' };
  mkdirSync(USERS_DIR, { recursive: true });
  // Holds the start time too: a file left behind (a crashed run, or a file whose tests were all
  // filtered out, so its afterAll never ran) must not count once its PID is reused.
  writeFileSync(join(USERS_DIR, user), processStart(process.pid) ?? '');
  if (engineAnswers()) return { ...base, available: true, owned: ownedPid() !== undefined, reason: '' };
  if (process.getuid?.() !== 0)
    return {
      ...base,
      available: false,
      owned: false,
      reason: 'no Docker engine answers and tests are not root, so none can be started',
    };
  if (spawnSync('sh', ['-c', 'command -v dockerd'], { stdio: 'ignore' }).status !== 0)
    return {
      ...base,
      available: false,
      owned: false,
      reason: 'no Docker engine answers and dockerd is not installed (apt-get install docker.io)',
    };
  if (spawnSync('pgrep', ['-x', 'dockerd'], { stdio: 'ignore' }).status !== 0 && ownedPid() === undefined)
    startDaemon(logFile, options.liveRestore ?? true);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (engineAnswers()) return { ...base, available: true, owned: ownedPid() !== undefined, reason: '' };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    ...base,
    available: false,
    owned: false,
    reason: `dockerd did not answer within ${START_TIMEOUT_MS / 1000} s (log: ${logFile})`,
  };
}

/** Starts dockerd in the background and records its PID (only we may stop or restart it). */
function startDaemon(logFile: string, liveRestore = true): number {
  const out = openSync(logFile, 'a');
  const child = spawn(
    'dockerd',
    ['--host', 'unix:///var/run/docker.sock', ...(liveRestore ? ['--live-restore'] : [])],
    { detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  if (child.pid === undefined) throw new Error('dockerd did not start');
  writeFileSync(PID_FILE, String(child.pid));
  return child.pid;
}

/** The PID of the dockerd the tests started, if it is still running. */
export function ownedPid(): number | undefined {
  try {
    const pid = Number(readFileSync(PID_FILE, 'utf8'));
    // The PID may have been reused since: it must still be a dockerd.
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'dockerd' ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Restarts the dockerd the tests started (SIGTERM, wait for exit, start again, wait for it to
 * answer). Refuses to touch a daemon the tests did not start. Returns how long it was down (ms).
 * Waits first (up to 2 min) while another test file holds the engine steady ({@link holdEngineSteady}).
 */
export async function restartOwnedDaemon(
  engine: DockerEngine,
  whileDown?: () => Promise<void>,
  options: { liveRestore?: boolean } = {},
): Promise<number> {
  const pid = ownedPid();
  if (!engine.owned || pid === undefined) throw new Error('refusing to restart a dockerd the tests did not start');
  await claimRestart();
  try {
    const stoppedAt = Date.now();
    await stopPid(pid);
    await whileDown?.();
    startDaemon(engine.logFile, options.liveRestore ?? true);
    while (!engineAnswers()) {
      if (Date.now() - stoppedAt > START_TIMEOUT_MS * 2)
        throw new Error(`dockerd did not come back (log: ${engine.logFile})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Date.now() - stoppedAt;
  } finally {
    rmSync(RESTARTING_FILE, { force: true });
  }
}

/**
 * Asks that the daemon not be restarted (by {@link restartOwnedDaemon}, from another test file)
 * until the returned function is called: for scenarios a restart would break half-way (a compose
 * stack driven through the CLI). Waits first for a restart in progress to finish. Holders of
 * crashed processes do not count.
 */
export async function holdEngineSteady(): Promise<() => void> {
  mkdirSync(STEADY_DIR, { recursive: true });
  const file = join(STEADY_DIR, `${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  writeFileSync(file, processStart(process.pid) ?? '');
  const deadline = Date.now() + STEADY_WAIT_MS;
  while ((restartingPid() !== undefined || !engineAnswers()) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return () => rmSync(file, { force: true });
}

/** The PID of a live process restarting the daemon, if any. */
function restartingPid(): number | undefined {
  try {
    const pid = Number(readFileSync(RESTARTING_FILE, 'utf8'));
    return alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function steadyHolders(): string[] {
  try {
    return readdirSync(STEADY_DIR).filter((name) => holderAlive(STEADY_DIR, name));
  } catch {
    return [];
  }
}

/** Waits until no steady holder is live, then marks the restart (re-checking: a holder may have just come). */
async function claimRestart(): Promise<void> {
  const deadline = Date.now() + STEADY_WAIT_MS;
  for (;;) {
    while (steadyHolders().length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    writeFileSync(RESTARTING_FILE, String(process.pid));
    if (steadyHolders().length === 0 || Date.now() >= deadline) return;
    rmSync(RESTARTING_FILE, { force: true });
  }
}

/** Leaves the engine; the last user of a daemon the tests started stops it. */
export async function releaseDockerEngine(engine: DockerEngine): Promise<void> {
  rmSync(join(USERS_DIR, engine.user), { force: true });
  const pid = ownedPid();
  if (pid === undefined) return;
  let others: string[] = [];
  try {
    // A user file left by a crashed run does not count: its process is gone.
    others = readdirSync(USERS_DIR).filter((name) => holderAlive(USERS_DIR, name));
  } catch {
    others = [];
  }
  if (others.length > 0) return;
  await stopPid(pid);
  rmSync(PID_FILE, { force: true });
}

/**
 * Whether the process behind a holder file (`<pid>-<random>`, holding its start time) still runs:
 * a PID alone is not enough, PIDs are reused.
 */
function holderAlive(dir: string, name: string): boolean {
  const pid = Number(name.split('-')[0]);
  if (!alive(pid)) return false;
  try {
    const started = readFileSync(join(dir, name), 'utf8');
    return started === '' || started === processStart(pid);
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
