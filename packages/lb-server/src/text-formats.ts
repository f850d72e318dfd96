/**
 * The YAML and TOML parsers, loaded on first use: a process whose configuration has no file of a
 * kind never holds its parser (`yaml` alone adds ≈ 2.5 MB resident). Loaded synchronously through
 * `require` (both packages ship a CommonJS build), because the callers parse synchronously.
 */
import { createRequire } from 'node:module';
import type * as Toml from 'smol-toml';
import type * as Yaml from 'yaml';

const load = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
let toml: typeof Toml | undefined;

/** The `yaml` package. */
export function yamlParser(): typeof Yaml {
  return (yaml ??= load('yaml') as typeof Yaml);
}

/** The `smol-toml` package. */
export function tomlParser(): typeof Toml {
  return (toml ??= load('smol-toml') as typeof Toml);
}
