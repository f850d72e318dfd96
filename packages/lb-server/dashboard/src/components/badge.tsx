/** Small coloured labels for statuses and server states. */
import type { ComponentChildren } from 'preact';

/** The colour families badges use. */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

/** A pill with a tone. */
export function Badge({ tone, children, title }: { tone: Tone; children: ComponentChildren; title?: string }) {
  return (
    <span class={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

const STATUS_TONE: Record<string, Tone> = {
  enabled: 'ok',
  warning: 'warn',
  disabled: 'bad',
  UP: 'ok',
  DOWN: 'bad',
  DRAINING: 'warn',
  running: 'ok',
  exited: 'muted',
  created: 'info',
  paused: 'warn',
  restarting: 'warn',
  dead: 'bad',
  ok: 'ok',
  error: 'bad',
  connecting: 'warn',
  healthy: 'ok',
  unhealthy: 'bad',
  starting: 'warn',
};

/** A badge for a Traefik status, server state, container state or health word. */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? 'muted'}>{status}</Badge>;
}

/** `name@provider` with the provider as a faint suffix. */
export function QName({ name }: { name: string }) {
  const at = name.lastIndexOf('@');
  if (at === -1) return <span class="qname">{name}</span>;
  return (
    <span class="qname">
      {name.slice(0, at)}
      <span class="provider">@{name.slice(at + 1)}</span>
    </span>
  );
}
