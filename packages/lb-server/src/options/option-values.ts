/**
 * Resolved, typed option values of one source, with the table's defaults behind them. The builder
 * reads through typed getters keyed by canonical names (`entryPoints.<name>.address`, name `web`).
 */
import { coerceOptionValue, defaultOptionValue, type OptionValue } from './coerce';
import type { IssueList } from './options-error';
import { OPTION_TABLE, type OptionSpec } from './option-table';
import { resolveOptionKey, suggestOptionKey } from './resolve-key';
import type { RawEntry } from './sources';
import { domainEntry, domainField, gatherDomains } from './tls-domains';
import { expandV1EntryPoints } from './v1-entry-points';
import type { ListenAddress } from './values';

const SPECS = new Map(OPTION_TABLE.map((spec) => [spec.key, spec]));

/** Typed access to the options one source set. */
export class OptionValues {
  readonly #values = new Map<string, OptionValue>();
  readonly #labels = new Map<string, string>();

  /**
   * Resolves and validates raw entries: unknown names and malformed values become issues.
   * `allowFlagOnly` admits `--configFile`, `--help`, `--version` (command line only).
   */
  static from(entries: readonly RawEntry[], issues: IssueList, allowFlagOnly: boolean): OptionValues {
    const values = new OptionValues();
    const domains = new Map<string, { label: string; parts: Map<number, { main?: string; sans?: string[] }> }>();
    for (const entry of expandV1EntryPoints(entries, issues)) {
      const domain = domainEntry(entry.segments);
      if (domain !== undefined) {
        const parsed = domainField(domain.field, entry.value);
        if (!parsed.ok) {
          issues.add(entry.label, parsed.error);
          continue;
        }
        let of = domains.get(domain.entryPoint);
        if (of === undefined) domains.set(domain.entryPoint, (of = { label: entry.label, parts: new Map() }));
        const part = of.parts.get(domain.index) ?? {};
        of.parts.set(domain.index, { ...part, [domain.field]: parsed.value });
        continue;
      }
      const resolved = resolveOptionKey(entry.segments);
      if (resolved === undefined || (resolved.spec.flagOnly === true && !allowFlagOnly)) {
        const suggestion = suggestOptionKey(entry.segments, allowFlagOnly);
        const hint = suggestion === undefined ? '' : ` (did you mean ${entry.render(suggestion)}?)`;
        issues.add('', `unknown option ${entry.label}${hint}`);
        continue;
      }
      const isList = resolved.spec.kind === 'stringList' || resolved.spec.kind === 'numberList';
      const raw = entry.repeated && !isList && Array.isArray(entry.value) ? entry.value.at(-1) : entry.value;
      const parsed = coerceOptionValue(resolved.spec, raw);
      if (!parsed.ok) {
        issues.add(entry.label, parsed.error);
        continue;
      }
      const key = resolved.path.join('.');
      values.#values.set(key, parsed.value);
      values.#labels.set(key, entry.label);
    }
    for (const [entryPoint, { label, parts }] of domains) {
      const key = `entryPoints.${entryPoint}.http.tls.domains`;
      const existing = [...values.#values.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
      if (existing !== undefined) {
        issues.add(
          label,
          `give the domains either as a list or as indexed entries, not both (${values.#labels.get(existing) ?? existing})`,
        );
        continue;
      }
      values.#values.set(key, gatherDomains(parts));
      values.#labels.set(key, label);
    }
    return values;
  }

  /** Names given under a root with a `<name>` segment (`certificatesResolvers`), in first-seen order. */
  namesUnder(root: string): string[] {
    const names = new Set<string>();
    for (const key of this.#values.keys()) {
      const [first, name] = key.split('.');
      if (first === root && name !== undefined) names.add(name);
    }
    return [...names];
  }

  /** Names given under `entryPoints.<name>` (in first-seen order). */
  entryPointNames(): string[] {
    const names = new Set<string>();
    for (const key of this.#values.keys()) {
      const [root, name] = key.split('.');
      if (root === 'entryPoints' && name !== undefined) names.add(name);
    }
    return [...names];
  }

  /** True when the user set this exact option. */
  isSet(key: string, name?: string): boolean {
    return this.#values.has(concrete(key, name));
  }

  /** The label the user wrote for an option they set (for messages), or the canonical flag. */
  label(key: string, name?: string): string {
    return this.#labels.get(concrete(key, name)) ?? `--${concrete(key, name)}`;
  }

  /** Labels of every option set, in the user's spelling. */
  labels(): string[] {
    return [...this.#labels.values()];
  }

  /** A section is on when set true, or when unset but any of its sub-options is set. */
  section(key: string, name?: string): boolean {
    const path = concrete(key, name);
    const explicit = this.#values.get(path);
    if (explicit !== undefined) return explicit === true;
    return [...this.#values.keys()].some((k) => k.startsWith(`${path}.`));
  }

  /** A boolean option (or its default). */
  bool(key: string, name?: string): boolean {
    return this.#get(key, name) as boolean;
  }

  /** A duration (ms) or integer option (or its default). */
  num(key: string, name?: string): number {
    return this.#get(key, name) as number;
  }

  /** A string or enum option (or its default). */
  str(key: string, name?: string): string {
    return this.#get(key, name) as string;
  }

  /** A string option with no default: `undefined` when unset or empty. */
  optStr(key: string, name?: string): string | undefined {
    const value = this.#get(key, name) as string | undefined;
    return value === '' ? undefined : value;
  }

  /** A list option (or its default). */
  list<T extends string | number>(key: string, name?: string): readonly T[] {
    return this.#get(key, name) as readonly T[];
  }

  /** An address option, `undefined` when unset. */
  address(key: string, name?: string): ListenAddress | undefined {
    return this.#get(key, name) as ListenAddress | undefined;
  }

  #get(key: string, name: string | undefined): OptionValue | undefined {
    const spec: OptionSpec | undefined = SPECS.get(key);
    if (spec === undefined) throw new Error(`option table has no ${key}`);
    return this.#values.get(concrete(key, name)) ?? defaultOptionValue(spec);
  }
}

function concrete(key: string, name: string | undefined): string {
  return name === undefined ? key : key.replace('<name>', name);
}
