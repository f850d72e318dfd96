/** A list of configuration errors (code, message, where: file and line, else the element's path). */
import type { ErrorState } from '../../../src/dashboard/state-types';

/** `message` without a leading copy of `code` (`LB_X: …`, `LB_X at 3: …` → `at 3: …`). */
export function withoutCode(message: string, code: string): string {
  return message.startsWith(code) ? message.slice(code.length).replace(/^:\s*/, '').trim() : message;
}

/** The errors of one element; nothing when there are none. */
export function ErrorList({ errors }: { errors: readonly ErrorState[] }) {
  if (errors.length === 0) return null;
  return (
    <ul class="errors">
      {errors.map((e, i) => (
        <li key={i}>
          <code class="code">{e.code}</code> {withoutCode(e.message, e.code)}
          {e.file !== undefined && (
            <span class="where">
              {' '}
              — {e.file}
              {e.line !== undefined ? `:${e.line}` : ''}
            </span>
          )}
          {e.file === undefined && e.path !== undefined && (
            <span class="where">
              {' '}
              — <code class="element">{e.path}</code>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
