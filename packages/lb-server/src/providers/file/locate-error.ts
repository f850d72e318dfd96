/**
 * Where in the files a configuration error is: adds the file (the one defining the element, for a
 * directory) and the line and column of the deepest key of its dotted path that the file has.
 * Also the one-line form of a snapshot-refusing error, led by its key path.
 */
import type { ConfigErrorLike } from '../provider';
import { ownerOf } from './merge-files';
import type { ParsedFile } from './parse-dynamic';

/** An error as a validator may return it: a plain `{ message, path }` or an lb-core `LbError`. */
export interface ValidationErrorLike {
  readonly message: string;
  readonly code?: string;
  readonly path?: string;
  readonly details?: { readonly path?: string };
}

/** Adds file, line and column to a validation error when its path can be found in a file. */
export function locateError(
  error: ValidationErrorLike,
  files: readonly ParsedFile[],
  owners: ReadonlyMap<string, string>,
): ConfigErrorLike {
  const path = error.path ?? error.details?.path;
  const base: ConfigErrorLike = stripUndefined({ code: error.code, message: error.message, path });
  if (path === undefined) return files.length === 1 ? { ...base, file: files[0]?.file } : base;
  const owner = ownerOf(path, owners) ?? files[0]?.file;
  const file = files.find((f) => f.file === owner);
  const pos = file?.locate(path.replace(/\[\d+\]/g, '').split('.'));
  return {
    ...base,
    ...(owner === undefined ? {} : { file: owner }),
    ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
  };
}

/** `http.routers: expected …` (the path leads, so every place that shows only the message shows it). */
export function structureMessage(error: ConfigErrorLike): string {
  return error.path === undefined || error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

/** `value` without its `undefined`-valued keys. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
