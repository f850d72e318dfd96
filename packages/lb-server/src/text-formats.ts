/**
 * The YAML and TOML parsers, and their parse-with-position calls, in one place for the option
 * sources and the file provider. The parsers are imported statically: the images and `npm start` run a bundle with every npm package inlined
 * (`docker/scripts/stage.mjs`), where a runtime `require('yaml')` finds no `node_modules`. The cost
 * at idle is small: a file provider reading YAML holds `yaml` anyway, and `smol-toml` is a few
 * hundred kilobytes.
 */
import * as Toml from 'smol-toml';
import * as Yaml from 'yaml';

/** The `yaml` package. */
export function yamlParser(): typeof Yaml {
  return Yaml;
}

/** The `smol-toml` package. */
export function tomlParser(): typeof Toml {
  return Toml;
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
  const lineCounter = new Yaml.LineCounter();
  const doc = Yaml.parseDocument(text, { lineCounter });
  const first = doc.errors[0];
  if (first === undefined) return { ok: true, doc, lineCounter };
  const pos = first.linePos?.[0];
  return { ok: false, error: first, line: pos?.line, column: pos?.col };
}

/** Parses TOML text; a `TomlError` comes back with its position, any other error without. */
export function parseTomlText(text: string): { readonly ok: true; readonly tree: unknown } | TextSyntaxError {
  try {
    return { ok: true, tree: Toml.parse(text) };
  } catch (error) {
    const at = error instanceof Toml.TomlError ? error : undefined;
    return { ok: false, error, line: at?.line, column: at?.column };
  }
}
