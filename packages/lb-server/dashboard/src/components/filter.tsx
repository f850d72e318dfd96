/**
 * A page's filter toolbar (search box, "n of m" count) and {@link matches}, the filter its rows
 * pass: the routers, services and certificates pages each filter the same way.
 */
import type { ComponentChildren } from 'preact';

/** Whether any of `fields` contains `query` (trimmed, case-insensitive); an empty query matches all. */
export function matches(query: string, ...fields: readonly string[]): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || fields.some((f) => f.toLowerCase().includes(q));
}

/** What the search box shows and filters. */
export interface FilterProps {
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly placeholder: string;
  /** Names what it filters for screen readers (`Filter routers`). */
  readonly label: string;
}

/** How many of how many `noun` the filter lets through. */
export interface CountProps {
  readonly shown: number;
  readonly total: number;
  readonly noun: string;
}

/**
 * The toolbar: the search box, then `options` (more filters), the count, then `children`
 * (badges and the like).
 */
export function FilterToolbar(props: {
  filter: FilterProps;
  count: CountProps;
  options?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const { filter, count } = props;
  return (
    <div class="toolbar">
      <input
        type="search"
        placeholder={filter.placeholder}
        aria-label={filter.label}
        value={filter.query}
        onInput={(e) => filter.onQuery(e.currentTarget.value)}
      />
      {props.options}
      <span class="muted">
        {count.shown} of {count.total} {count.noun}
      </span>
      {props.children}
    </div>
  );
}
