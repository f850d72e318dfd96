/**
 * Test data for the Swarm provider's translation: a listing captured from a real one-node swarm
 * (`GET /services`, `/tasks`, `/networks?scope=swarm`, `/containers/json` of task containers, Docker
 * 20.10, the stack renamed `lab`; task specs trimmed) caught in the middle of a scale-down of
 * `lab_app` from 2 to 1 (slot 2 still running with desired state `remove`), plus builders that
 * derive variants from its entries. Services: `lab_app` (v2 labels, 2 tasks), `lab_v1` (v1 labels
 * with `traefik.docker.network`), `lab_vip` (`traefik.swarm.lbswarm`), `lab_broken` (a rule that
 * does not parse).
 */
import { readFileSync } from 'node:fs';
import type { ContainerListEntry } from '../../../src/providers/docker/container';
import type { DockerTranslateOptions } from '../../../src/providers/docker/containers-to-config';
import type { SwarmSnapshot } from '../../../src/providers/swarm/services-to-config';
import type { SwarmNetworkEntry, SwarmServiceEntry, SwarmTaskEntry } from '../../../src/providers/swarm/swarm-api';

/** The captured engine output. */
export interface CapturedSwarm {
  services: SwarmServiceEntry[];
  tasks: SwarmTaskEntry[];
  networks: SwarmNetworkEntry[];
  containers: (ContainerListEntry & { Id: string })[];
}

/** A fresh deep copy of the captured listing (tests may change it). */
export function captured(): CapturedSwarm {
  return JSON.parse(readFileSync(new URL('./swarm-captured.fixture.json', import.meta.url), 'utf8')) as CapturedSwarm;
}

/** The stack network's name and id in the capture. */
export const LAB_NET = { name: 'lab_net', id: 'td9ocbktjbbdc1qqvd07i7xn0' } as const;

/** Translation options as the provider's defaults give them. */
export const DEFAULTS: DockerTranslateOptions = {
  exposedByDefault: true,
  useBindPortIP: false,
  defaultRule: 'Host(`{{ normalize .Name }}`)',
};

/** A snapshot from a capture, without container health. */
export function snapshotOf(c: CapturedSwarm): SwarmSnapshot {
  return { services: c.services, tasks: c.tasks, networks: c.networks };
}

/** The captured service named `name` (throws if absent). */
export function service(c: CapturedSwarm, name: string): SwarmServiceEntry {
  const found = c.services.find((s) => s.Spec.Name === name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
}

/** The captured tasks of service `name`. */
export function tasksOf(c: CapturedSwarm, name: string): SwarmTaskEntry[] {
  const id = service(c, name).ID;
  return c.tasks.filter((t) => t.ServiceID === id);
}

/** A new service like `template`, with another name, id and labels, and one task per entry of `tasks` copied from `task`. */
export function variant(
  c: CapturedSwarm,
  template: SwarmServiceEntry,
  name: string,
  labels: Record<string, string>,
  tasks: readonly Partial<SwarmTaskEntry>[],
  task: SwarmTaskEntry,
): void {
  const id = `svc-${name}`;
  c.services.push({ ...template, ID: id, Spec: { ...template.Spec, Name: name, Labels: labels } });
  tasks.forEach((extra, i) => c.tasks.push({ ...task, ID: `task-${name}-${i}`, ServiceID: id, Slot: i + 1, ...extra }));
}
