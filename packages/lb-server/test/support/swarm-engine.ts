/**
 * A one-node Docker Swarm on the tests' own engine (`docker-engine.ts`): `docker swarm init
 * --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377`, and at the end `docker swarm leave
 * --force` plus the removal of what the init created (`docker_gwbridge`). A lock file holds the
 * running suite's PID (and start time): a second swarm suite on the same engine waits for the
 * first to finish rather than share or break its swarm. A marker file records the swarm's node
 * id, so a swarm left behind by a crashed run of these tests is recognised and left; a swarm the
 * tests did not create is never touched: {@link joinSwarm} fails loudly.
 *
 * Swarm nodes pull a service's image on every task start unless the image is named by its id
 * (moby `daemon/cluster/executor/container/adapter.go`), which would send a registry lookup out of
 * the machine: every service here is deployed with `sha256:<id>` images, `--resolve-image never`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processStart } from '../helpers/process-start';

const STATE_DIR = join(tmpdir(), 'junction-test-swarm');
/** Holds the node id of the swarm these tests created. */
const MARKER = join(STATE_DIR, 'node-id');
/** Holds `<pid> <start time>` of the process running the swarm suite. */
const LOCK = join(STATE_DIR, 'lock');
/** How long a second suite waits for the first. */
const LOCK_WAIT_MS = 20 * 60_000;

/** Whether the lock is held by a live process other than this one. */
function lockedByOther(): string | undefined {
  let text: string;
  try {
    text = readFileSync(LOCK, 'utf8').trim();
  } catch {
    return undefined;
  }
  const [pid = '', start = ''] = text.split(' ');
  if (Number(pid) === process.pid) return undefined;
  return processStart(Number(pid)) === start && start !== '' ? pid : undefined;
}

/** Takes the lock, waiting while another live swarm suite holds it. */
async function takeLock(log: (line: string) => void): Promise<void> {
  mkdirSync(STATE_DIR, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    const other = lockedByOther();
    if (other === undefined) {
      rmSync(LOCK, { force: true });
      try {
        writeFileSync(LOCK, `${process.pid} ${processStart(process.pid) ?? ''}`, { flag: 'wx' });
        return;
      } catch {
        continue; // another suite took it at the same moment: look again
      }
    }
    if (Date.now() > deadline)
      throw new Error(`another swarm suite (PID ${other}) held the engine's swarm for ${LOCK_WAIT_MS / 60_000} min`);
    if (!told) log(`[swarm] waiting for another swarm suite (PID ${other}) to finish`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Runs `docker …args`; throws with its output when it fails. */
export function docker(args: readonly string[], timeoutMs = 120_000, env?: Record<string, string>): string {
  const result = spawnSync('docker', args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    ...(env === undefined ? {} : { env: { ...process.env, ...env } }),
  });
  if (result.status !== 0)
    throw new Error(
      `docker ${args.join(' ')} failed (${result.status ?? result.error?.message}): ${result.stderr}${result.stdout}`.trim(),
    );
  return result.stdout;
}

/** The engine's swarm state (`inactive`, `active`, `pending`, …) and node id. */
export function swarmState(): { state: string; nodeId: string } {
  const [state = '', nodeId = ''] = docker(['info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.NodeID}}'])
    .trim()
    .split(' ');
  return { state, nodeId };
}

function markedNodeId(): string | undefined {
  try {
    return readFileSync(MARKER, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The swarm the tests run on. */
export interface TestSwarm {
  readonly nodeId: string;
  /** Whether `docker_gwbridge` existed before the init (then it is left in place). */
  readonly hadGwBridge: boolean;
  /** How long the init took (ms). */
  readonly initMs: number;
}

/**
 * Deletes VXLAN interfaces the overlay driver left in the host's network namespace (`vx-<VNI>-<net
 * id>`). The driver creates each one there and moves it into its network's namespace at once; one
 * left behind (dockerd stopped mid-setup) makes every later overlay network that gets the same VNI
 * fail its tasks with "error creating vxlan interface: file exists" — and VNIs restart at 4096 with
 * each new swarm. Called while the engine is in no swarm, and between two stacks of the suite
 * (nothing creates an overlay network then: the suite holds the swarm alone).
 */
export function removeLeakedVxlans(): string[] {
  const out = spawnSync('ip', ['-o', 'link', 'show', 'type', 'vxlan'], { encoding: 'utf8' });
  if (out.status !== 0) return [];
  const names = [...out.stdout.matchAll(/^\d+: (vx-[0-9a-f]{6}-[0-9a-z]{5})[@:]/gm)].map((m) => m[1] ?? '');
  return names.filter(
    (name) => name !== '' && spawnSync('ip', ['link', 'delete', name], { stdio: 'ignore' }).status === 0,
  );
}

const hasNetwork = (name: string): boolean =>
  spawnSync('docker', ['network', 'inspect', name], { stdio: 'ignore' }).status === 0;

/**
 * Makes the engine a one-node swarm manager. An engine already in a swarm these tests did not
 * create is an error (never left: it may be someone's); one these tests created and did not
 * leave (a crashed run) is left first.
 */
export async function joinSwarm(log: (line: string) => void): Promise<TestSwarm> {
  await takeLock(log);
  try {
    return initSwarm();
  } catch (error) {
    rmSync(LOCK, { force: true });
    throw error;
  }
}

function initSwarm(): TestSwarm {
  const before = swarmState();
  if (before.state !== 'inactive') {
    if (before.state === 'active' && before.nodeId !== '' && before.nodeId === markedNodeId()) {
      docker(['swarm', 'leave', '--force']);
    } else {
      throw new Error(
        `the Docker engine is already in a swarm (state ${before.state}, node ${before.nodeId || '?'}) that these tests did not create: refusing to use or leave it. Run the swarm suite on an engine outside any swarm.`,
      );
    }
  }
  const leaked = removeLeakedVxlans();
  if (leaked.length > 0)
    console.log(`[swarm] removed VXLAN interfaces an earlier overlay network left behind: ${leaked.join(', ')}`);
  const hadGwBridge = hasNetwork('docker_gwbridge');
  const started = performance.now();
  docker(['swarm', 'init', '--advertise-addr', '127.0.0.1', '--listen-addr', '127.0.0.1:2377']);
  const { nodeId } = swarmState();
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(MARKER, nodeId);
  return { nodeId, hadGwBridge, initMs: performance.now() - started };
}

/**
 * Leaves the swarm the tests created (`docker swarm leave --force`: its services, tasks and
 * overlay networks go with it) and removes `docker_gwbridge` when the init created it.
 * Never leaves a swarm whose node id is not the one recorded.
 */
export function leaveSwarm(swarm: TestSwarm): void {
  const now = swarmState();
  if (now.state === 'active' && now.nodeId !== swarm.nodeId)
    throw new Error(`the engine is in another swarm (node ${now.nodeId}) now: not leaving it`);
  try {
    if (now.state === 'active') docker(['swarm', 'leave', '--force']);
    if (swarmState().state === 'inactive') removeLeakedVxlans();
  } finally {
    rmSync(MARKER, { force: true });
    rmSync(LOCK, { force: true });
  }
  if (!swarm.hadGwBridge && hasNetwork('docker_gwbridge')) {
    // Its endpoints go a moment after the leave.
    for (let i = 0; i < 50; i++) {
      if (spawnSync('docker', ['network', 'rm', 'docker_gwbridge'], { stdio: 'ignore' }).status === 0) break;
      spawnSync('sleep', ['0.2']);
    }
  }
}
