/**
 * The subset of Go's `text/template` that Traefik users write in `defaultRule`
 * (traefik `pkg/provider/configuration.go` `MakeDefaultRuleTemplate`): actions `{{ … }}` with
 * `{{-`/`-}}` trimming; operands `.Name`, `.ContainerName`, `.Labels`, `.Labels.key`, string
 * literals and parenthesised pipelines; pipelines `a | f`; functions `normalize` (Traefik's),
 * `index`, and sprig's `lower`, `upper`, `trim`, `default`. Anything else is a coded error at
 * startup instead of a router that silently has no rule.
 */

/** What a template sees about one container (Traefik's model). */
export interface RuleTemplateModel {
  /** The service name: `service-project` for compose containers, else the container name (normalised). */
  readonly Name: string;
  readonly ContainerName: string;
  readonly Labels: Readonly<Record<string, string>>;
}

/** A compiled template. */
export type RuleTemplate = (model: RuleTemplateModel) => string;

type Value = string | Readonly<Record<string, string>>;
type Node = (model: RuleTemplateModel) => Value;

/** Thrown by {@link compileRuleTemplate} for text it cannot compile. */
export class RuleTemplateError extends Error {
  readonly code = 'LB_DOCKER_TEMPLATE';
}

/** Traefik's `provider.Normalize`: runs of characters other than letters and digits become `-`. */
export function normalizeName(name: string): string {
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part !== '')
    .join('-');
}

const FUNCTIONS: Readonly<Record<string, { readonly arity: number; readonly apply: (args: Value[]) => Value }>> = {
  normalize: { arity: 1, apply: ([s]) => normalizeName(text(s)) },
  lower: { arity: 1, apply: ([s]) => text(s).toLowerCase() },
  upper: { arity: 1, apply: ([s]) => text(s).toUpperCase() },
  trim: { arity: 1, apply: ([s]) => text(s).trim() },
  // sprig: `default "x" .Value` gives "x" when .Value is empty.
  default: { arity: 2, apply: ([d, v]) => (text(v) === '' ? text(d) : text(v)) },
  // Go: a missing map key gives the zero value.
  index: {
    arity: 2,
    apply: ([m, k]) => (typeof m === 'object' ? label(m, text(k)) : fail('index needs a map such as .Labels')),
  },
};

/** A label's value, `''` when missing (Go's zero value); only own keys, so `constructor` is a label name like any other. */
function label(labels: Readonly<Record<string, string>>, key: string): string {
  const value: unknown = Object.hasOwn(labels, key) ? labels[key] : undefined;
  return typeof value === 'string' ? value : '';
}

function text(value: Value | undefined): string {
  if (typeof value === 'string') return value;
  return fail('expected a string, got a map (use index .Labels "key")');
}

function fail(message: string): never {
  throw new RuleTemplateError(message);
}

const TOKEN = /\s*(?:(\.[A-Za-z_][\w.]*|\.)|("(?:[^"\\]|\\.)*"|`[^`]*`)|([A-Za-z_]\w*)|(\||\(|\)))/y;

/** Compiles a template; throws {@link RuleTemplateError} naming the problem. */
export function compileRuleTemplate(source: string): RuleTemplate {
  const parts: Node[] = [];
  let rest = source;
  while (rest !== '') {
    const open = rest.indexOf('{{');
    if (open < 0) {
      const literal = rest;
      parts.push(() => literal);
      break;
    }
    let before = rest.slice(0, open);
    let inner = rest.slice(open + 2);
    if (inner.startsWith('-')) {
      before = before.trimEnd();
      inner = inner.slice(1);
    }
    const close = inner.indexOf('}}');
    if (close < 0) fail(`unclosed action in '${source}'`);
    let action = inner.slice(0, close);
    rest = inner.slice(close + 2);
    if (action.endsWith('-')) {
      action = action.slice(0, -1);
      rest = rest.trimStart();
    }
    const literal = before;
    if (literal !== '') parts.push(() => literal);
    parts.push(parseAction(action));
  }
  return (model) => parts.map((part) => text(part(model))).join('');
}

function parseAction(action: string): Node {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (action.slice(at).trim() !== '') {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(action);
    if (m === null) fail(`cannot read '${action.slice(at).trim()}' in {{${action}}}`);
    tokens.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
    at = TOKEN.lastIndex;
  }
  let pos = 0;
  const pipeline = (): Node => {
    let node = command(undefined);
    while (tokens[pos] === '|') {
      pos += 1;
      node = command(node);
    }
    return node;
  };
  const operand = (): Node => {
    const t = tokens[pos++];
    if (t === undefined) return fail(`incomplete action {{${action}}}`);
    if (t === '(') {
      const inner = pipeline();
      if (tokens[pos++] !== ')') fail(`missing ')' in {{${action}}}`);
      return inner;
    }
    if (t.startsWith('"')) return constant(goUnquote(t, action));
    if (t.startsWith('`')) return constant(t.slice(1, -1));
    if (t.startsWith('.')) return field(t);
    return fail(`unexpected '${t}' in {{${action}}}`);
  };
  const command = (piped: Node | undefined): Node => {
    const t = tokens[pos];
    const fn = t === undefined ? undefined : FUNCTIONS[t];
    if (t !== undefined && /^[A-Za-z_]/.test(t) && fn === undefined)
      fail(`unknown function '${t}' (known: ${Object.keys(FUNCTIONS).join(', ')})`);
    if (fn === undefined) {
      if (piped !== undefined) fail(`a pipeline stage must be a function in {{${action}}}`);
      return operand();
    }
    pos += 1;
    const args: Node[] = [];
    while (pos < tokens.length && tokens[pos] !== '|' && tokens[pos] !== ')') args.push(operand());
    if (piped !== undefined) args.push(piped);
    if (args.length !== fn.arity) fail(`${t} takes ${fn.arity} argument(s), got ${args.length}`);
    return (model) => fn.apply(args.map((a) => a(model)));
  };
  const node = pipeline();
  if (pos !== tokens.length) fail(`unexpected '${tokens[pos] ?? ''}' in {{${action}}}`);
  return node;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  '"': 34,
};

/** A Go interpreted string literal (`"a\x41\u00e9"`), as text/template reads it; bytes decode as UTF-8. */
function goUnquote(literal: string, action: string): string {
  const parts: Buffer[] = [];
  const body = literal.slice(1, -1);
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf('\\', i);
    parts.push(Buffer.from(body.slice(i, slash < 0 ? body.length : slash), 'utf8'));
    if (slash < 0) break;
    const [bytes, length] = goEscape(body, slash, action);
    parts.push(Buffer.from(bytes));
    i = slash + length;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The bytes of the Go escape at `at` (a backslash) and how many characters it takes. */
function goEscape(body: string, at: number, action: string): [number[], number] {
  const e = body[at + 1] ?? '';
  const simple = Object.hasOwn(SIMPLE_ESCAPES, e) ? SIMPLE_ESCAPES[e] : undefined;
  if (simple !== undefined) return [[simple], 2];
  const octal = /^[0-7]{3}/.exec(body.slice(at + 1))?.[0];
  if (octal !== undefined && parseInt(octal, 8) <= 255) return [[parseInt(octal, 8)], 4];
  const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  const hex = digits === 0 ? undefined : new RegExp(`^[0-9a-fA-F]{${digits}}`).exec(body.slice(at + 2))?.[0];
  if (hex !== undefined) {
    const n = parseInt(hex, 16);
    if (e === 'x') return [[n], 4];
    if (n <= 0x10ffff && (n < 0xd800 || n > 0xdfff))
      return [[...Buffer.from(String.fromCodePoint(n), 'utf8')], 2 + digits];
  }
  return fail(`invalid escape \\${e} in a string of {{${action}}}`);
}

function constant(value: string): Node {
  return () => value;
}

function field(path: string): Node {
  const [, name, ...keys] = path.split('.');
  if (name === 'Name' && keys.length === 0) return (m) => m.Name;
  if (name === 'ContainerName' && keys.length === 0) return (m) => m.ContainerName;
  if (name === 'Labels' && keys.length === 0) return (m) => m.Labels;
  if (name === 'Labels') return (m) => label(m.Labels, keys.join('.'));
  return fail(`unknown field '${path}' (known: .Name, .ContainerName, .Labels)`);
}
