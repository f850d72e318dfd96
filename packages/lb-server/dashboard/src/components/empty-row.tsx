/** The muted row a table shows instead of its rows when it has none (or they are loading). */
import type { ComponentChildren } from 'preact';

/** One cell across `columns` columns, saying why the table is empty. */
export function EmptyRow({ columns, children }: { columns: number; children: ComponentChildren }) {
  return (
    <tr>
      <td colSpan={columns} class="muted empty">
        {children}
      </td>
    </tr>
  );
}
