/**
 * A page toolbar's search box and its "n of m" count, and {@link matches}, the filter its rows
 * pass: the routers, services and certificates pages each filter the same way.
 */

/** Whether any of `fields` contains `query` (trimmed, case-insensitive); an empty query matches all. */
export function matches(query: string, ...fields: readonly string[]): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || fields.some((f) => f.toLowerCase().includes(q));
}

/** The search box; `label` names what it filters for screen readers. */
export function FilterBox(props: {
  placeholder: string;
  label: string;
  query: string;
  onQuery: (query: string) => void;
}) {
  return (
    <input
      type="search"
      placeholder={props.placeholder}
      aria-label={props.label}
      value={props.query}
      onInput={(e) => props.onQuery(e.currentTarget.value)}
    />
  );
}

/** `{shown} of {total} {noun}`, muted. */
export function ShownCount({ shown, total, noun }: { shown: number; total: number; noun: string }) {
  return (
    <span class="muted">
      {shown} of {total} {noun}
    </span>
  );
}
