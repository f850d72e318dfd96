/**
 * Services: strategy (overridable), sticky cookie, servers with UP / DOWN / DRAINING, weight
 * (overridable, marked and resettable), in-flight, req/s, error rate, p50/p99, share, and a
 * live chart of requests per server. Drain, weight and strategy changes go through the API.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DashboardState } from '../../../src/dashboard/state-types';
import { FilterToolbar, matches } from '../components/filter';
import { OrphanOverrides } from '../components/saved-overrides';
import { ServiceCard } from './service-card';

/** The services page; `focus` scrolls to one service. */
export function Services({ state, focus }: { state: DashboardState; focus?: string }) {
  const [query, setQuery] = useState('');
  useEffect(() => {
    if (focus !== undefined) document.getElementById(`service-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [focus]);
  const services = state.services.filter((s) => matches(query, s.name, ...s.servers.map((x) => x.url)));
  const lbs = services.filter((s) => s.kind === 'loadBalancer');
  const others = services.filter((s) => s.kind !== 'loadBalancer');
  return (
    <div class="page">
      <FilterToolbar
        filter={{ query, onQuery: setQuery, placeholder: 'Filter by service or server…', label: 'Filter services' }}
        count={{ shown: services.length, total: state.services.length, noun: 'services' }}
      />
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
