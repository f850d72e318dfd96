/**
 * Services: strategy (overridable), sticky cookie, servers with UP / DOWN / DRAINING, weight
 * (overridable, marked and resettable), in-flight, req/s, error rate, p50/p99, share, and a
 * live chart of requests per server. Drain, weight and strategy changes go through the API.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DashboardState } from '../../../src/dashboard/state-types';
import { OrphanOverrides } from '../components/saved-overrides';
import { ServiceCard } from './service-card';

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
