/** The stack of short messages at the bottom of the page. */
import { toasts } from '../api';
import { useStore } from '../store';

/** Renders the current toasts (announced politely to screen readers). */
export function Toasts() {
  const list = useStore(toasts);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} class={`toast toast-${t.kind}`}>
          {t.text}
        </div>
      ))}
    </div>
  );
}
