/**
 * Parses one dynamic configuration file, YAML (`yaml`, with a `LineCounter`) or TOML
 * (`smol-toml`), into a plain tree. A syntax error comes back with file, line and column (1-based);
 * for YAML the result can also locate a dotted path, so element-level validation errors can point
 * at the line of the offending key.
 */
import type { Document, LineCounter } from 'yaml';
import { parseTomlText, parseYamlText, yamlParser } from '../../text-formats';

/** A position in a file, 1-based. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

/** A file that parsed. */
export interface ParsedFile {
  readonly file: string;
  readonly tree: Readonly<Record<string, unknown>>;
  /** Where the deepest existing key of `path` is written, when known (YAML only). */
  readonly locate: (path: readonly string[]) => FilePosition | undefined;
}

/** A file that did not parse. */
export interface FileSyntaxError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly message: string;
}

/** The outcome of {@link parseDynamicFile}. */
export type ParseOutcome =
  { readonly ok: true; readonly parsed: ParsedFile } | { readonly ok: false; readonly error: FileSyntaxError };

const NOWHERE = (): undefined => undefined;

/** True for the extensions the file provider reads: `.yml`, `.yaml`, `.toml`. */
export function isDynamicConfigFile(name: string): boolean {
  return /\.(ya?ml|toml)$/i.test(name);
}

/**
 * Parses `text` as TOML when `file` ends in `.toml`, as YAML otherwise. An empty file is refused:
 * editors and `>` redirections truncate a file before writing it, and reading it in between must
 * not drop every route. An empty configuration is written `http: {}`.
 */
export function parseDynamicFile(file: string, text: string): ParseOutcome {
  if (text.trim() === '') {
    return syntaxError(
      file,
      1,
      1,
      'the file is empty (still being written?); the last good configuration keeps serving. Write `http: {}` for an empty configuration',
    );
  }
  return /\.toml$/i.test(file) ? parseTomlFile(file, text) : parseYamlFile(file, text);
}

function parseYamlFile(file: string, text: string): ParseOutcome {
  const parsed = parseYamlText(text);
  if (!parsed.ok) return syntaxError(file, parsed.line, parsed.column, messageOf(parsed.error));
  const { doc, lineCounter } = parsed;
  const tree: unknown = doc.toJS() ?? {};
  if (!isRecord(tree))
    return syntaxError(file, 1, 1, 'the dynamic configuration must be a mapping (http:, tcp:, tls:…)');
  return { ok: true, parsed: { file, tree, locate: (path) => locateInYaml(doc, lineCounter, path) } };
}

function parseTomlFile(file: string, text: string): ParseOutcome {
  const parsed = parseTomlText(text);
  if (!parsed.ok) return syntaxError(file, parsed.line, parsed.column, messageOf(parsed.error));
  if (!isRecord(parsed.tree)) return syntaxError(file, 1, 1, 'the dynamic configuration must be a table');
  return { ok: true, parsed: { file, tree: parsed.tree, locate: NOWHERE } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Walks the YAML maps along `path` and returns the position of the deepest key found. Segments
 * are joined greedily when a key itself contains dots (`routers."a.b"`).
 */
function locateInYaml(doc: Document, lineCounter: LineCounter, path: readonly string[]): FilePosition | undefined {
  const { isMap, isScalar } = yamlParser();
  let node: unknown = doc.contents;
  let found: FilePosition | undefined;
  let i = 0;
  while (i < path.length && isMap(node)) {
    const map = node;
    let matched = false;
    for (let j = i + 1; j <= path.length && !matched; j += 1) {
      const key = path.slice(i, j).join('.');
      const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      if (pair === undefined) continue;
      const range = isScalar(pair.key) ? pair.key.range : undefined;
      if (range) {
        const pos = lineCounter.linePos(range[0]);
        found = { line: pos.line, column: pos.col };
      }
      node = pair.value;
      i = j;
      matched = true;
    }
    if (!matched) break;
  }
  return found;
}

function syntaxError(
  file: string,
  line: number | undefined,
  column: number | undefined,
  message: string,
): ParseOutcome {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  return { ok: false, error: { file, line, column, message: first } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
