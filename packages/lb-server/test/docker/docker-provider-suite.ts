/**
 * Set-up shared by the Docker provider test files (docker-provider.*.test.ts): inside a
 * `describe`, registers hooks that make sure the test images exist, create a run (network and
 * label) and start the Docker provider watching it, recording its snapshots, drain events and the
 * URLs it reports live; `afterAll` stops it, removes the run's containers and network and the
 * images this process built, and leaves the engine. With `holdSteady`, no other test file
 * restarts dockerd while the cases run (see holdEngineSteady).
 */
import type { DynamicConfig } from '@junction/lb-core';
import { afterAll, beforeAll } from 'vitest';
import { createDockerProvider } from '../../src/providers/docker/create-docker-provider';
import type { DockerProvider, DrainEvent } from '../../src/providers/docker/docker-provider';
import { holdEngineSteady, releaseDockerEngine, type DockerEngine } from '../support/docker-engine';
import {
  cleanupRun,
  createRun,
  runProviderOptions,
  serversOf,
  SnapshotRecorder,
  type DockerRun,
} from '../support/docker-fixtures';
import { ensureTestImages, removeTestImages, type BuiltImages } from '../support/docker-images';

/** Traefik v1 labels of the replicated app (a compose service scaled by the cases). */
export const LAB = {
  'traefik.backend': 'express-dynamic',
  'traefik.frontend.rule': 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/',
  'traefik.port': '3000',
};
export const SERVICE = 'express-dynamic';
export const figure = (text: string): void => console.log(`[docker] ${text}`);
export const ms = (n: number): string => `${n.toFixed(0)} ms`;

/** What the cases use; `run`, `provider` and `project` are valid once `beforeAll` has run. */
export interface DockerProviderSuite {
  readonly run: DockerRun;
  readonly provider: DockerProvider;
  /** The compose project of the replicas (`jt<run id>`). */
  readonly project: string;
  readonly recorder: SnapshotRecorder;
  readonly drains: DrainEvent[];
  /** The URLs `onLive` reported last. */
  readonly live: readonly string[];
  /** The server id of replica `n` of `dynamic`. */
  id(n: number): string;
  /** Whether a snapshot has replica `n`'s server in SERVICE. */
  hasServer(n: number): (c: DynamicConfig) => boolean;
}

/** Registers the hooks (see module comment) in the calling `describe`. */
export function dockerProviderSuite(
  engine: DockerEngine,
  options: { readonly holdSteady?: boolean } = {},
): DockerProviderSuite {
  let run: DockerRun | undefined;
  let images: BuiltImages = { created: [] };
  let provider: DockerProvider | undefined;
  const recorder = new SnapshotRecorder();
  const drains: DrainEvent[] = [];
  let live: readonly string[] = [];
  const stop = new AbortController();
  let project = '';
  let release = (): void => {};
  const id = (n: number): string => `${project}/dynamic/${n}`;
  const hasServer = (n: number) => (c: DynamicConfig) => serversOf(c, SERVICE).some((s) => s.id === id(n));

  beforeAll(async () => {
    if (!engine.available) throw new Error(`CI=true and no Docker engine could be started: ${engine.reason}`);
    if (options.holdSteady === true) release = await holdEngineSteady();
    images = ensureTestImages();
    run = await createRun(engine.socketPath);
    project = `jt${run.id}`;
    provider = createDockerProvider(runProviderOptions(engine.socketPath, run), {
      onDrain: (event) => drains.push(event),
      onLive: (urls) => (live = urls),
    });
    await provider.start(recorder.emit, stop.signal);
  }, 120_000);

  afterAll(async () => {
    release();
    stop.abort();
    if (run !== undefined) await cleanupRun(run);
    removeTestImages(images);
    await releaseDockerEngine(engine);
  }, 120_000);

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what}: beforeAll did not run`);
    return value;
  };
  return {
    get run() {
      return started(run, 'run');
    },
    get provider() {
      return started(provider, 'provider');
    },
    get project() {
      return project;
    },
    get live() {
      return live;
    },
    recorder,
    drains,
    id,
    hasServer,
  };
}
