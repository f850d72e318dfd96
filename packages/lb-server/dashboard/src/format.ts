/** Number and time formatting for the dashboard. */

/** `12.3` → `12.3`, `0.04` → `0.04`, `1234` → `1.2k`. */
export function rate(value: number): string {
  if (value === 0) return '0';
  if (value >= 1000) return `${(value / 1000).toFixed(1)}k`;
  if (value >= 10) return value.toFixed(0);
  if (value >= 1) return value.toFixed(1);
  return value.toFixed(2);
}

/** `0.125` → `12.5%`. */
export function percent(value: number): string {
  if (value === 0) return '0%';
  const p = value * 100;
  return `${p >= 10 ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** Milliseconds → `840 µs`, `12 ms`, `1.4 s`; `—` when unknown. */
export function millis(value: number | undefined): string {
  if (value === undefined) return '—';
  if (value < 1) return `${Math.round(value * 1000)} µs`;
  if (value < 1000) return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
  return `${(value / 1000).toFixed(1)} s`;
}

/** An ISO time as "12s ago", "5 min ago", or a date for old ones. */
export function ago(iso: string | undefined, now = Date.now()): string {
  if (iso === undefined) return 'never';
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  if (ms < 5_000) return 'just now';
  if (ms < 60_000) return `${Math.round(ms / 1000)}s ago`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h ago`;
  return new Date(iso).toLocaleString();
}

/** `name@provider` → `{ name, provider }`. */
export function splitName(qualified: string): { name: string; provider: string } {
  const at = qualified.lastIndexOf('@');
  return at === -1
    ? { name: qualified, provider: '' }
    : { name: qualified.slice(0, at), provider: qualified.slice(at + 1) };
}
