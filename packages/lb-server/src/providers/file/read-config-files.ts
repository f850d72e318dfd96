/**
 * Reads the file provider's sources: the one `filename`, or every dynamic configuration file
 * (`*.yml|*.yaml|*.toml`) in the `directory` tree, skipping hidden files and folders (names
 * starting with `.`, such as Kubernetes' `..data`), in path order.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isDynamicConfigFile } from './parse-dynamic';

/** Every file's text, with its path; rejects with the file system's error when one cannot be read. */
export async function readConfigTexts(source: {
  readonly filename?: string;
  readonly directory?: string;
}): Promise<{ file: string; text: string }[]> {
  const { filename, directory } = source;
  if (filename !== undefined) return [{ file: filename, text: await readFile(filename, 'utf8') }];
  const root = directory ?? '.';
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && isDynamicConfigFile(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter(
      (file) =>
        !relative(root, file)
          .split(/[\\/]/)
          .some((part) => part.startsWith('.')),
    )
    .sort();
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
}
