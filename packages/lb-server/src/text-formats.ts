/**
 * The YAML and TOML parsers, and their parse-with-position calls, in one place for the option
 * sources and the file provider. Each package loads on its first use, so a process with no file of
 * a kind never holds its parser (issue #12, idle memory: `smol-toml` ≈ 0.9 MB resident in a
 * Junction reading YAML; `yaml`, more, in one with no YAML file at all). The callers parse
 * synchronously, so the packages are required (both ship a CommonJS build): with a literal
 * `require` first, which the bundles (`dist/` and the images: `tsup.config.ts`,
 * `docker/scripts/stage.mjs`) replace with the inlined module — a runtime-only require would find
 * no `node_modules` in an image — then, where there is no `require` (the sources run as ES
 * modules), resolved from this file.
 */
import { createRequire } from 'node:module';
import type * as Toml from 'smol-toml';
import type * as Yaml from 'yaml';

let yaml: typeof Yaml | undefined;
let toml: typeof Toml | undefined;

/* eslint-disable @typescript-eslint/no-require-imports -- a literal require is what a bundler inlines (module comment) */
function loadYaml(): typeof Yaml {
  try {
    return require('yaml') as typeof Yaml;
  } catch {
    return createRequire(import.meta.url)('yaml') as typeof Yaml;
  }
}

function loadToml(): typeof Toml {
  try {
    return require('smol-toml') as typeof Toml;
  } catch {
    return createRequire(import.meta.url)('smol-toml') as typeof Toml;
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** The `yaml` package. */
export function yamlParser(): typeof Yaml {
  return (yaml ??= loadYaml());
}

/** The `smol-toml` package. */
export function tomlParser(): typeof Toml {
  return (toml ??= loadToml());
}

/** A YAML or TOML text that did not parse: the parser's error and where it stopped (1-based), when known. */
export interface TextSyntaxError {
  readonly ok: false;
  readonly error: unknown;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/** A parsed YAML document with the line counter that locates its nodes. */
export interface ParsedYaml {
  readonly ok: true;
  readonly doc: Yaml.Document.Parsed;
  readonly lineCounter: Yaml.LineCounter;
}

/** Parses YAML text; the first error the parser reports comes back with its position. */
export function parseYamlText(text: string): ParsedYaml | TextSyntaxError {
  const yamlLib = yamlParser();
  const lineCounter = new yamlLib.LineCounter();
  const doc = yamlLib.parseDocument(text, { lineCounter });
  const first = doc.errors[0];
  if (first === undefined) return { ok: true, doc, lineCounter };
  const pos = first.linePos?.[0];
  return { ok: false, error: first, line: pos?.line, column: pos?.col };
}

/** Parses TOML text; a `TomlError` comes back with its position, any other error without. */
export function parseTomlText(text: string): { readonly ok: true; readonly tree: unknown } | TextSyntaxError {
  const tomlLib = tomlParser();
  try {
    return { ok: true, tree: tomlLib.parse(text) };
  } catch (error) {
    const at = error instanceof tomlLib.TomlError ? error : undefined;
    return { ok: false, error, line: at?.line, column: at?.column };
  }
}
