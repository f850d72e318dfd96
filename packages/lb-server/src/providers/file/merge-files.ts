/**
 * Merges the parsed files of a directory into one raw dynamic configuration, as Traefik's file
 * provider does: sections (`http`, `tcp`, `tls`…) and kinds (`routers`, `services`…) merge
 * whatever the case they are written in, lists
 * (`tls.certificates`) concatenate, and an element defined in two files is an error naming both;
 * the first file (in sorted order) keeps it, as Traefik keeps the first and skips the other.
 */
import type { ConfigErrorLike } from '../provider';
import type { ParsedFile } from './parse-dynamic';

/** The merged tree, which file defines each element, and the duplicates found. */
export interface MergedFiles {
  readonly tree: Record<string, unknown>;
  /** Element path (`http.routers.api`) → file that defines it. */
  readonly owners: ReadonlyMap<string, string>;
  readonly errors: readonly ConfigErrorLike[];
}

/** Depth of elements: `section.kind.name`. */
const ELEMENT_DEPTH = 3;

/** Merges files in the given order (callers sort them). */
export function mergeParsedFiles(files: readonly ParsedFile[]): MergedFiles {
  const tree: Record<string, unknown> = {};
  const owners = new Map<string, string>();
  const errors: ConfigErrorLike[] = [];

  const mergeInto = (
    target: Record<string, unknown>,
    source: Readonly<Record<string, unknown>>,
    path: string[],
    file: ParsedFile,
  ): void => {
    for (const [written, value] of Object.entries(source)) {
      // Section and kind names are case-insensitive (`HTTP` in one file, `http` in another);
      // element names are not.
      const key =
        path.length + 1 < ELEMENT_DEPTH
          ? (Object.keys(target).find((k) => k.toLowerCase() === written.toLowerCase()) ?? written)
          : written;
      const here = [...path, key];
      const existing = target[key];
      if (!(key in target)) {
        target[key] = copyUpperLevels(value, here.length);
        recordOwners(here, value, file.file, owners);
        continue;
      }
      if (here.length < ELEMENT_DEPTH && isRecord(existing) && isRecord(value)) {
        mergeInto(existing, value, here, file);
        continue;
      }
      if (Array.isArray(existing) && Array.isArray(value)) {
        target[key] = [...(existing as unknown[]), ...(value as unknown[])];
        continue;
      }
      const dotted = here.join('.');
      const first = ownerOf(dotted, owners) ?? 'another file';
      const pos = file.locate(here);
      errors.push({
        code: 'LB_CONFIG_INVALID',
        message: `${dotted} is defined in both ${first} and ${file.file}; the definition in ${file.file} is ignored`,
        path: dotted,
        file: file.file,
        ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
      });
    }
  };

  for (const file of files) mergeInto(tree, file.tree, [], file);
  return { tree, owners, errors };
}

/** The file owning `path` or its closest recorded ancestor. */
export function ownerOf(path: string, owners: ReadonlyMap<string, string>): string | undefined {
  for (let cut = path.length; cut > 0; cut = path.lastIndexOf('.', cut - 1)) {
    const owner = owners.get(path.slice(0, cut));
    if (owner !== undefined) return owner;
  }
  return undefined;
}

function recordOwners(path: readonly string[], value: unknown, file: string, owners: Map<string, string>): void {
  owners.set(path.join('.'), file);
  if (path.length < ELEMENT_DEPTH && isRecord(value)) {
    for (const [key, child] of Object.entries(value)) recordOwners([...path, key], child, file, owners);
  }
}

/** Copies the maps above element level, so merging never writes into a parsed file's tree. */
function copyUpperLevels(value: unknown, depth: number): unknown {
  if (depth >= ELEMENT_DEPTH || !isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, copyUpperLevels(child, depth + 1)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
