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
  return name.split(/[^\p{L}\p{N}]+/u).filter((part) => part !== '').join('-');
}

const FUNCTIONS: Readonly<Record<string, { readonly arity: number; readonly apply: (args: Value[]) => Value }>> = {
  normalize: { arity: 1, apply: ([s]) => normalizeName(text(s)) },
  lower: { arity: 1, apply: ([s]) => text(s).toLowerCase() },
  upper: { arity: 1, apply: ([s]) => text(s).toUpperCase() },
  trim: { arity: 1, apply: ([s]) => text(s).trim() },
  // sprig: `default "x" .Value` gives "x" when .Value is empty.
  default: { arity: 2, apply: ([d, v]) => (text(v) === '' ? text(d) : text(v)) },
  // Go: a missing map key gives the zero value.
  index: { arity: 2, apply: ([m, k]) => (typeof m === 'object' ? (m[text(k)] ?? '') : fail('index needs a map such as .Labels')) },
};

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
    if (t.startsWith('"')) return constant(JSON.parse(t) as string);
    if (t.startsWith('`')) return constant(t.slice(1, -1));
    if (t.startsWith('.')) return field(t);
    return fail(`unexpected '${t}' in {{${action}}}`);
  };
  const command = (piped: Node | undefined): Node => {
    const t = tokens[pos];
    const fn = t === undefined ? undefined : FUNCTIONS[t];
    if (t !== undefined && /^[A-Za-z_]/.test(t) && fn === undefined) fail(`unknown function '${t}' (known: ${Object.keys(FUNCTIONS).join(', ')})`);
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

function constant(value: string): Node {
  return () => value;
}

function field(path: string): Node {
  const [, name, ...keys] = path.split('.');
  if (name === 'Name' && keys.length === 0) return (m) => m.Name;
  if (name === 'ContainerName' && keys.length === 0) return (m) => m.ContainerName;
  if (name === 'Labels' && keys.length === 0) return (m) => m.Labels;
  if (name === 'Labels') return (m) => m.Labels[keys.join('.')] ?? '';
  return fail(`unknown field '${path}' (known: .Name, .ContainerName, .Labels)`);
}
