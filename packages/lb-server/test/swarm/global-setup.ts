/**
 * Vitest global setup of the swarm suite (`npx nx run lb-server:swarm`): once for every file, finds
 * or starts the tests' Docker engine, makes it a one-node swarm (`swarm-engine.ts`) and builds the
 * images (`swarm-images.ts`); afterwards leaves the swarm and removes what the run created. The
 * test files get the engine and image ids through `inject('swarm')`. Without an engine the suite
 * skips (and fails with `CI=true`); an engine already in a swarm the tests did not create fails it.
 */
import type { TestProject } from 'vitest/node';
import {
  acquireDockerEngine,
  holdEngineSteady,
  releaseDockerEngine,
  restartOwnedDaemon,
} from '../support/docker-engine';
import { docker, joinSwarm, leaveSwarm, type TestSwarm } from '../support/swarm-engine';
import { buildSwarmImages, removeSwarmImages, type SwarmImages } from '../support/swarm-images';

/** What the test files receive. */
export interface SwarmContext {
  readonly available: boolean;
  readonly reason: string;
  readonly socketPath: string;
  readonly run: string;
  readonly images?: SwarmImages;
}

declare module 'vitest' {
  export interface ProvidedContext {
    swarm: SwarmContext;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Swarm mode refuses `--live-restore`, which the tests' engine otherwise runs with.
  const engine = await acquireDockerEngine({ liveRestore: false });
  const run = Math.random().toString(36).slice(2, 8);
  if (!engine.available) {
    if (process.env.CI === 'true') throw new Error(`swarm suite: no Docker engine (${engine.reason})`);
    console.log(`[swarm] skipped: no Docker engine (${engine.reason})`);
    project.provide('swarm', { available: false, reason: engine.reason, socketPath: engine.socketPath, run });
    return async () => releaseDockerEngine(engine);
  }
  if (docker(['info', '--format', '{{.LiveRestoreEnabled}}']).trim() === 'true') {
    // Started by other test files with --live-restore: restarted without it (they are done:
    // this suite runs after them), or, when it is not the tests' own, refused.
    if (!engine.owned) {
      await releaseDockerEngine(engine);
      throw new Error(
        'swarm suite: the Docker engine runs with --live-restore, which swarm mode refuses, and the tests did not start it: not restarting it',
      );
    }
    await restartOwnedDaemon(engine, undefined, { liveRestore: false });
  }
  // No restart of the daemon by another test file while the swarm exists.
  const release = await holdEngineSteady();
  let swarm: TestSwarm | undefined;
  let images: SwarmImages | undefined;
  const teardown = async (): Promise<void> => {
    try {
      if (swarm !== undefined) leaveSwarm(swarm);
      if (images !== undefined) removeSwarmImages(images);
    } finally {
      release();
      await releaseDockerEngine(engine);
    }
  };
  try {
    swarm = await joinSwarm((line) => console.log(line));
    console.log(`[swarm] one-node swarm ${swarm.nodeId} on 127.0.0.1 in ${(swarm.initMs / 1000).toFixed(1)} s`);
    images = buildSwarmImages(run);
    console.log(
      `[swarm] images built in ${(images.buildMs / 1000).toFixed(1)} s: Junction ${images.junction.slice(7, 19)}, app ${images.app.slice(7, 19)}, app v2 ${images.appV2.slice(7, 19)}`,
    );
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('swarm', { available: true, reason: '', socketPath: engine.socketPath, run, images });
  return teardown;
}
