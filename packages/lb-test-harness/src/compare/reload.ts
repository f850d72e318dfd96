/**
 * Writing Junction's dynamic configuration and knowing when it is live. The file is replaced
 * atomically (write a temporary file, rename), so the file provider never reads half a file;
 * the generation's marker router appearing in `/api/http/routers/<name>` says it is applied.
 */
import { rename, writeFile } from 'node:fs/promises';
import { HarnessError } from '../errors';
import { dynamicYaml, markerRouter, type DynamicConfigInput } from './dynamic-yaml';

/** Replaces `path` with `content` atomically. */
export async function writeAtomically(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
}

/** Polls Junction's API until the generation's marker router exists. */
export async function waitForGeneration(adminUrl: string, generation: number, timeoutMs = 15_000): Promise<number> {
  const started = performance.now();
  const names = [`${markerRouter(generation)}@file`, markerRouter(generation)];
  while (performance.now() - started < timeoutMs) {
    for (const name of names) {
      try {
        const res = await fetch(`${adminUrl}/api/http/routers/${encodeURIComponent(name)}`, {
          signal: AbortSignal.timeout(1000),
        });
        await res.arrayBuffer();
        if (res.ok) return performance.now() - started;
      } catch {
        // not up yet
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new HarnessError(
    'HARNESS_RELOAD_TIMEOUT',
    `Junction did not apply configuration generation ${generation} within ${timeoutMs} ms ` +
      `(router ${names[0]} never appeared in ${adminUrl}/api/http/routers)`,
  );
}

/** Writes the configuration and, when `adminUrl` is given, waits until it is applied. */
export async function applyConfig(path: string, input: DynamicConfigInput, adminUrl?: string): Promise<void> {
  await writeAtomically(path, dynamicYaml(input));
  if (adminUrl !== undefined) await waitForGeneration(adminUrl, input.generation);
}
