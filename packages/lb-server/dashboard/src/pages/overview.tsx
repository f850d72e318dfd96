/**
 * Overview: entry points, element and certificate counts with warnings and errors, providers, label errors, where
 * overrides are saved, and overrides kept for elements not present.
 */
import { Fragment } from 'preact';
import type { CountState, DashboardState, LabelErrorState, ProviderState } from '../../../src/dashboard/state-types';
import { Badge, QName, StatusBadge } from '../components/badge';
import { ErrorList } from '../components/errors';
import { OrphanOverrides, StateFileCard } from '../components/saved-overrides';
import { ago } from '../format';

function CountCard({ title, count, href }: { title: string; count: CountState; href: string }) {
  const ok = count.total - count.warnings - count.errors;
  return (
    <a class="card count" href={href}>
      <h3>{title}</h3>
      <div class="big">{count.total}</div>
      <div class="split">
        <span class="ok" title="enabled">
          ● {ok} ok
        </span>
        <span class={count.warnings > 0 ? 'warn' : 'muted'} title="with warnings">
          ▲ {count.warnings} warnings
        </span>
        <span class={count.errors > 0 ? 'bad' : 'muted'} title="disabled">
          ✕ {count.errors} errors
        </span>
      </div>
    </a>
  );
}

function ServersCard({ state }: { state: DashboardState }) {
  const servers = state.services.flatMap((s) => s.servers);
  const down = servers.filter((s) => s.state === 'DOWN').length;
  const draining = servers.filter((s) => s.state === 'DRAINING').length;
  return (
    <a class="card count" href="#/services">
      <h3>Servers</h3>
      <div class="big">{servers.length}</div>
      <div class="split">
        <span class="ok">● {servers.length - down - draining} up</span>
        <span class={draining > 0 ? 'warn' : 'muted'}>◐ {draining} draining</span>
        <span class={down > 0 ? 'bad' : 'muted'}>✕ {down} down</span>
      </div>
    </a>
  );
}

/** Servers that are down or draining, so failures are seen at a glance. */
function Attention({ state }: { state: DashboardState }) {
  const list = state.services.flatMap((s) =>
    s.servers.filter((x) => x.state !== 'UP').map((x) => ({ service: s.name, server: x })),
  );
  if (list.length === 0) return null;
  return (
    <section class="card" aria-label="Servers needing attention">
      <h2>Needs attention</h2>
      <ul class="attention">
        {list.map(({ service, server }) => (
          <li key={`${service} ${server.id}`}>
            <StatusBadge status={server.state} />
            <span class="mono">{server.url}</span>
            <a href={`#/services/${encodeURIComponent(service)}`}>
              <QName name={service} />
            </a>
            {server.drainOverridden && <span class="muted small">drained by an operator</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

const DETAIL_LABELS: Record<string, string> = {
  filename: 'File',
  directory: 'Directory',
  endpoint: 'Endpoint',
  connected: 'Connected',
  lastEvent: 'Last event',
  lastEventAt: 'Last event at',
  files: 'Files',
  containers: 'Containers',
  watch: 'Watching',
  draining: 'Draining',
  listings: 'Listings',
  reconnects: 'Reconnects',
  reads: 'Reads',
};

function detailValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object' && value !== null && 'action' in value) {
    const e = value as { action: unknown; container?: unknown; at?: unknown };
    const when = typeof e.at === 'number' ? ` · ${ago(new Date(e.at).toISOString())}` : '';
    return `${String(e.action)}${e.container === undefined ? '' : ` · ${String(e.container)}`}${when}`;
  }
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function ProviderCard({ p }: { p: ProviderState }) {
  const details = Object.entries(p.details).filter(
    ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
  const engine = p.state === 'ok' ? 'connected' : p.state === 'connecting' ? 'connecting…' : 'disconnected';
  return (
    <section class="card provider">
      <header class="row">
        <h3>
          {p.name === 'docker' ? 'Docker' : p.name === 'swarm' ? 'Docker Swarm' : p.name === 'file' ? 'File' : p.name}
        </h3>
        <StatusBadge status={p.state} />
      </header>
      <dl class="facts">
        {(p.name === 'docker' || p.name === 'swarm') && (
          <>
            <dt>Engine</dt>
            <dd class={p.state === 'ok' ? 'ok' : 'bad'}>{engine}</dd>
          </>
        )}
        <dt>Last update</dt>
        <dd>{ago(p.lastUpdate)}</dd>
        {details.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{DETAIL_LABELS[k] ?? `${k.charAt(0).toUpperCase()}${k.slice(1)}`}</dt>
            <dd class="mono">{detailValue(v)}</dd>
          </Fragment>
        ))}
      </dl>
      {p.lastError !== undefined && (
        <p class="notice bad">
          <strong>Last error</strong> ({ago(p.lastError.at)}): {p.lastError.message}
          {p.lastError.file !== undefined && (
            <span class="where">
              {' '}
              — {p.lastError.file}
              {p.lastError.line !== undefined ? `:${p.lastError.line}` : ''}
            </span>
          )}
        </p>
      )}
    </section>
  );
}

/** Label errors grouped by container (or swarm service: its `deploy.labels`). */
export function LabelErrors({ errors }: { errors: readonly LabelErrorState[] }) {
  if (errors.length === 0) return null;
  const byContainer = new Map<string, LabelErrorState[]>();
  for (const e of errors) byContainer.set(e.container, [...(byContainer.get(e.container) ?? []), e]);
  const swarm = errors.some((e) => e.swarm === true);
  return (
    <section class="card label-errors" aria-label="Container label errors">
      <h2>
        {swarm ? 'Label errors' : 'Container label errors'} <Badge tone="bad">{errors.length}</Badge>
      </h2>
      {[...byContainer].map(([container, list]) => (
        <div key={container} class="container-errors">
          <h3 class="mono">
            {list[0]?.swarm === true && <span class="muted">swarm service </span>}
            {container}
          </h3>
          <ul class="errors">
            {list.map((e, i) => (
              <li key={i}>
                {e.label !== undefined && <code class="label">{e.label}</code>}{' '}
                {e.message.replace(/^[A-Z_]+: ((container|service) [^:]+: )?(label [^:]+: )?/, '')}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** The overview page. */
export function Overview({ state }: { state: DashboardState }) {
  return (
    <div class="page">
      <div class="grid four cards">
        <CountCard title="Routers" count={state.counts.routers} href="#/routers" />
        <CountCard title="Services" count={state.counts.services} href="#/services" />
        <CountCard title="Middlewares" count={state.counts.middlewares} href="#/routers" />
        <ServersCard state={state} />
        {state.counts.certificates.total > 0 && (
          <CountCard title="Certificates" count={state.counts.certificates} href="#/certificates" />
        )}
      </div>
      <Attention state={state} />
      <OrphanOverrides orphans={state.orphans} />
      <LabelErrors errors={state.labelErrors} />
      <div class="grid two">
        <section class="card">
          <h2>Entry points</h2>
          <ul class="entrypoints">
            {state.entryPoints.map((ep) => (
              <li key={ep.name}>
                <strong>{ep.name}</strong>
                <span class="mono">{ep.address}</span>
              </li>
            ))}
            {state.entryPoints.length === 0 && <li class="muted">none</li>}
          </ul>
        </section>
        <section class="card">
          <h2>Configuration</h2>
          <dl class="facts">
            <dt>Generation</dt>
            <dd>{state.generation}</dd>
            <dt>Updated</dt>
            <dd>{ago(state.at)}</dd>
            <dt>Access</dt>
            <dd>
              {state.access.viewOpen ? 'viewing open' : 'viewing needs sign-in'} ·{' '}
              {state.access.actions ? 'actions need sign-in' : 'actions disabled'}
            </dd>
          </dl>
          {state.looseErrors.length > 0 && <ErrorList errors={state.looseErrors} />}
        </section>
        <StateFileCard persistence={state.persistence} />
      </div>
      <h2 class="section-title">Providers</h2>
      <div class="grid two">
        {state.providers.map((p) => (
          <ProviderCard key={p.name} p={p} />
        ))}
        {state.providers.length === 0 && <p class="muted">No provider is enabled.</p>}
      </div>
    </div>
  );
}
