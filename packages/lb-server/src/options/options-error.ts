/**
 * The one error static configuration parsing throws. It gathers every problem found in one pass
 * (an unknown option, a malformed value, a missing address…) so a user fixes them all at once; each
 * issue names the option the way the user wrote it (`--entrypoints.web.adress`,
 * `TRAEFIK_LOG_LEVEL`, `traefik.yml: entryPoints.web.address`).
 */

const kOptionsError = Symbol.for('junction.lb-server.options-error');

/** One problem with one option. */
export interface OptionsIssue {
  /** The option as the user spelled it, with its source's decoration (`--…`, `TRAEFIK_…`, `file: path`). */
  readonly option: string;
  /** What is wrong, without the option name. */
  readonly message: string;
}

/**
 * Invalid static configuration: code `LB_OPTIONS_INVALID`. `message` has one line per issue,
 * `option: problem`, ready for stderr; the CLI entry exits with status 2.
 */
export class OptionsError extends Error {
  readonly code = 'LB_OPTIONS_INVALID' as const;
  readonly issues: readonly OptionsIssue[];

  constructor(issues: readonly OptionsIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'OptionsError';
    this.issues = Object.freeze([...issues]);
    Object.defineProperty(this, kOptionsError, { value: true });
  }
}

/** True for an {@link OptionsError}, even one from another copy of this module. */
export function isOptionsError(value: unknown): value is OptionsError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kOptionsError] === true;
}

function formatIssue(issue: OptionsIssue): string {
  return issue.option === '' ? issue.message : `${issue.option}: ${issue.message}`;
}

/**
 * Collects issues while a source is read, then throws them together. Messages that already start
 * with a phrase naming the option (`unknown option …`) use an empty `option`.
 */
export class IssueList {
  readonly #issues: OptionsIssue[] = [];

  /** Records one issue. */
  add(option: string, message: string): void {
    this.#issues.push({ option, message });
  }

  /** Number of issues so far. */
  get size(): number {
    return this.#issues.length;
  }

  /** Throws an {@link OptionsError} when any issue was recorded. */
  throwIfAny(): void {
    if (this.#issues.length > 0) throw new OptionsError(this.#issues);
  }
}
