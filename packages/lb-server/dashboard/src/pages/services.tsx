/**
 * Services: strategy (overridable), sticky cookie, servers with UP / DOWN / DRAINING, weight
 * (overridable, marked and resettable), in-flight, req/s, error rate, p50/p99, share, and a
 * live chart of requests per server. Drain, weight and strategy changes go through the API.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DashboardState, ServerState, ServiceState } from '../../../src/dashboard/state-types';
import { act, run } from '../api';
import { Badge, QName, StatusBadge } from '../components/badge';
import { RequestsChart, SERIES_COLORS } from '../components/chart';
import { ErrorList } from '../components/errors';
import { OrphanOverrides } from '../components/saved-overrides';
import { millis, percent, rate } from '../format';

const STRATEGIES = ['weighted', 'round-robin', 'least-connections', 'p2c', 'consistent-hash'];

function WeightCell({ service, server }: { service: string; server: ServerState }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(String(server.weight));
  const save = async (e: Event) => {
    e.preventDefault();
    const weight = Number(value);
    if (
      await run(`Weight of ${server.url} set to ${weight}`, () =>
        act('POST', '/api/junction/servers/weight', { service, server: server.id, weight }),
      )
    )
      setEditing(false);
  };
  if (editing) {
    return (
      <form class="inline" onSubmit={save}>
        <input
          type="number"
          min={0}
          max={10000}
          step={1}
          value={value}
          aria-label="New weight"
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" class="small primary">
          Set
        </button>
        <button type="button" class="small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <span class="weight">
      <button
        type="button"
        class="link"
        title="Change weight"
        onClick={() => {
          setValue(String(server.weight));
          setEditing(true);
        }}
      >
        {server.weight}
      </button>
      {server.effectiveWeight !== undefined && (
        <span class="muted" title="slow start">
          {' '}
          → {server.effectiveWeight}
        </span>
      )}
      {server.weightOverridden && (
        <>
          <Badge tone="info" title={`provider says ${server.providerWeight}`}>
            overridden
          </Badge>
          <button
            type="button"
            class="small"
            onClick={() =>
              run(`Weight of ${server.url} reset to ${server.providerWeight}`, () =>
                act('DELETE', '/api/junction/servers/weight', { service, server: server.id }),
              )
            }
          >
            Reset
          </button>
        </>
      )}
    </span>
  );
}

function ServerRow({ service, server, color }: { service: string; server: ServerState; color: string }) {
  const toggle = () =>
    run(`${server.url} ${server.drainOverridden ? 'undrained' : 'draining'}`, () =>
      act('POST', `/api/junction/servers/${server.drainOverridden ? 'undrain' : 'drain'}`, {
        service,
        server: server.id,
      }),
    );
  return (
    <tr data-server={server.id}>
      <td data-label="State">
        <StatusBadge status={server.state} />
      </td>
      <td data-label="Server" class="server-cell wide">
        <i class="dot" style={{ background: color }} />
        <span class="mono">{server.url}</span>
        {server.id !== server.url && <div class="muted small mono">{server.id}</div>}
      </td>
      <td data-label="Weight">
        <WeightCell service={service} server={server} />
      </td>
      <td data-label="In flight" class="num">
        {server.inFlight}
      </td>
      <td data-label="Req/s" class="num">
        {rate(server.rps)}
      </td>
      <td data-label="Errors" class={`num ${server.errorRate > 0.05 ? 'bad' : ''}`}>
        {percent(server.errorRate)}
      </td>
      <td data-label="p50" class="num">
        {millis(server.p50)}
      </td>
      <td data-label="p99" class="num">
        {millis(server.p99)}
      </td>
      <td data-label="Share" class="share">
        <span class="bar">
          <span style={{ width: `${Math.round(server.share * 100)}%`, background: color }} />
        </span>
        {percent(server.share)}
      </td>
      <td data-label="Actions" class="actions">
        <button type="button" class={server.drainOverridden ? 'small' : 'small warn'} onClick={toggle}>
          {server.drainOverridden ? 'Undrain' : 'Drain'}
        </button>
      </td>
    </tr>
  );
}

function StrategyControl({ service }: { service: ServiceState }) {
  if (service.kind !== 'loadBalancer') return <span>{service.strategy ?? '—'}</span>;
  const change = (strategy: string) =>
    run(`Strategy of ${service.name} set to ${strategy}`, () =>
      act('POST', '/api/junction/services/strategy', { service: service.name, strategy }),
    );
  return (
    <span class="strategy">
      <span class="muted">Strategy</span>
      <select aria-label="Strategy" value={service.strategy} onChange={(e) => change(e.currentTarget.value)}>
        {STRATEGIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {service.strategyOverridden && (
        <>
          <Badge tone="info">overridden</Badge>
          <button
            type="button"
            class="small"
            onClick={() =>
              run(`Strategy of ${service.name} reset`, () =>
                act('DELETE', '/api/junction/services/strategy', { service: service.name }),
              )
            }
          >
            Reset
          </button>
        </>
      )}
    </span>
  );
}

function ServiceCard({ service }: { service: ServiceState }) {
  const servers = service.servers;
  return (
    <section class="card service" id={`service-${service.name}`} data-service={service.name}>
      <header class="row wrap">
        <h2>
          <QName name={service.name} />
        </h2>
        <StatusBadge status={service.status} />
        <Badge tone="muted">{service.kind}</Badge>
        <span class="grow" />
        {service.strategy !== undefined && <StrategyControl service={service} />}
      </header>
      <dl class="facts inline">
        {service.sticky !== undefined && (
          <>
            <dt>Sticky cookie</dt>
            <dd class="mono">{service.sticky}</dd>
          </>
        )}
        <dt>Used by</dt>
        <dd>
          {service.usedBy.length === 0 ? (
            <span class="muted">no router</span>
          ) : (
            service.usedBy.map((u) => (
              <span key={u} class="chip">
                <QName name={u} />
              </span>
            ))
          )}
        </dd>
        {service.children !== undefined && (
          <>
            <dt>Children</dt>
            <dd>
              {service.children.map((c) => (
                <span key={c.name} class="chip">
                  <QName name={c.name} />
                  {c.weight !== undefined ? ` ×${c.weight}` : ''}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      <ErrorList errors={service.errors} />
      {servers.length > 0 && (
        <>
          <RequestsChart
            title={`Requests per second per server of ${service.name}`}
            series={servers.map((s) => ({ label: s.url, values: s.series }))}
          />
          <table class="table responsive servers">
            <thead>
              <tr>
                <th>State</th>
                <th>Server</th>
                <th>Weight</th>
                <th class="num">In flight</th>
                <th class="num">Req/s</th>
                <th class="num">Errors</th>
                <th class="num">p50</th>
                <th class="num">p99</th>
                <th>Share</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {servers.map((s, i) => (
                <ServerRow
                  key={s.id}
                  service={service.name}
                  server={s}
                  color={SERIES_COLORS[i % SERIES_COLORS.length]!}
                />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The services page; `focus` scrolls to one service. */
export function Services({ state, focus }: { state: DashboardState; focus?: string }) {
  const [query, setQuery] = useState('');
  useEffect(() => {
    if (focus !== undefined) document.getElementById(`service-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [focus]);
  const q = query.trim().toLowerCase();
  const services = state.services.filter(
    (s) => q === '' || s.name.toLowerCase().includes(q) || s.servers.some((x) => x.url.toLowerCase().includes(q)),
  );
  const lbs = services.filter((s) => s.kind === 'loadBalancer');
  const others = services.filter((s) => s.kind !== 'loadBalancer');
  return (
    <div class="page">
      <div class="toolbar">
        <input
          type="search"
          placeholder="Filter by service or server…"
          aria-label="Filter services"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <span class="muted">
          {services.length} of {state.services.length} services
        </span>
      </div>
      <OrphanOverrides orphans={state.orphans} />
      {lbs.map((s) => (
        <ServiceCard key={s.name} service={s} />
      ))}
      {others.map((s) => (
        <ServiceCard key={s.name} service={s} />
      ))}
      {services.length === 0 && <p class="muted">No service matches.</p>}
    </div>
  );
}
