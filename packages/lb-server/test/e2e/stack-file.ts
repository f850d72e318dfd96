/**
 * Test support for the `docker/stack.yml` tests (`stack-config.*.test.ts`): the stack file as the
 * CLI interpolates it (variables, defaults and overrides), typed as far as those tests read it,
 * and a service of it by name. No Docker needed.
 */
import { join } from 'node:path';
import { readCompose } from './compose-interpolate';
import { ROOT } from './compose-stack';

/** `docker/stack.yml`, the lab's stack for `docker stack deploy`. */
export const FILE = join(ROOT, 'docker/stack.yml');
/** The stack's name (`docker stack deploy … junction`). */
export const STACK = 'junction';

/** A published port of a service. */
export interface Port {
  target: number;
  published: number | string;
  protocol?: string;
  mode?: string;
}
/** A service, as far as the tests read it. */
export interface Service {
  image: string;
  command?: string[];
  ports?: Port[];
  volumes?: string[];
  user?: string;
  init?: boolean;
  healthcheck?: { test: string[] };
  networks?: string[];
  deploy: {
    mode?: string;
    replicas?: number | string;
    placement?: { constraints?: string[] };
    update_config?: { order?: string; parallelism?: number };
    labels?: string[];
  };
}
/** The stack file, as far as the tests read it. */
export interface Stack {
  services: Record<string, Service>;
  networks: Record<string, { name: string; driver: string; attachable?: boolean }>;
}

/** The stack file with `env` as its environment. */
export const stack = (env: Record<string, string> = {}): Stack => readCompose<Stack>(FILE, env);
/** The service `name` of `doc`; throws when the file lost it. */
export const svc = (doc: Stack, name: string): Service => {
  const found = doc.services[name];
  if (found === undefined) throw new Error(`stack.yml lost service ${name}`);
  return found;
};
