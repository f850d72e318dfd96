/**
 * One service's card on the Services page: name, status, kind, strategy (overridable), sticky
 * cookie, routers using it, children, errors, the live requests chart and the servers table.
 */
import type { ServiceState } from '../../../src/dashboard/state-types';
import { act, run } from '../api';
import { Badge, QName, StatusBadge } from '../components/badge';
import { RequestsChart, SERIES_COLORS } from '../components/chart';
import { ErrorList } from '../components/errors';
import { ServerRow } from './server-row';

const STRATEGIES = ['weighted', 'round-robin', 'least-connections', 'p2c', 'consistent-hash'];

/** The strategy of a load balancer as a select; an overridden strategy shows a Reset button. */
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

/** The card of one service. */
export function ServiceCard({ service }: { service: ServiceState }) {
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
