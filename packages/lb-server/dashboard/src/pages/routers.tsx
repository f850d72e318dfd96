/** Routers: rule, priority, entry points, service, middlewares, status and errors; plus middlewares. */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { DashboardState } from '../../../src/dashboard/state-types';
import { QName, StatusBadge } from '../components/badge';
import { EmptyRow } from '../components/empty-row';
import { ErrorList } from '../components/errors';
import { FilterToolbar, matches } from '../components/filter';

/** The routers page. */
export function Routers({ state }: { state: DashboardState }) {
  const [query, setQuery] = useState('');
  const routers = state.routers.filter((r) => matches(query, r.name, r.rule, r.service, ...r.middlewares));
  const middlewares = state.middlewares.filter((m) => matches(query, m.name, m.type));
  return (
    <div class="page">
      <FilterToolbar
        filter={{ query, onQuery: setQuery, placeholder: 'Filter by name, rule, service…', label: 'Filter routers' }}
        count={{ shown: routers.length, total: state.routers.length, noun: 'routers' }}
      />
      <section class="card flush">
        <table class="table responsive routers">
          <thead>
            <tr>
              <th>Status</th>
              <th>Name</th>
              <th>Rule</th>
              <th>Entry points</th>
              <th>Priority</th>
              <th>Service</th>
              <th>Middlewares</th>
            </tr>
          </thead>
          <tbody>
            {routers.map((r) => (
              <Fragment key={r.name}>
                <tr data-router={r.name}>
                  <td data-label="Status">
                    <StatusBadge status={r.status} />
                  </td>
                  <td data-label="Name">
                    <QName name={r.name} />
                  </td>
                  <td data-label="Rule" class="wide">
                    <code class="rule">{r.rule}</code>
                  </td>
                  <td data-label="Entry points">{r.entryPoints.join(', ')}</td>
                  <td data-label="Priority" class="num">
                    {r.priority}
                  </td>
                  <td data-label="Service">
                    {r.service === '' ? (
                      '—'
                    ) : (
                      <a href={`#/services/${encodeURIComponent(r.service)}`}>
                        <QName name={r.service} />
                      </a>
                    )}
                  </td>
                  <td data-label="Middlewares">
                    {r.middlewares.length === 0 ? (
                      <span class="muted">none</span>
                    ) : (
                      r.middlewares.map((m) => (
                        <span key={m} class="chip">
                          <QName name={m} />
                        </span>
                      ))
                    )}
                  </td>
                </tr>
                {r.errors.length > 0 && (
                  <tr class="error-row">
                    <td colSpan={7}>
                      <ErrorList errors={r.errors} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
            {routers.length === 0 && <EmptyRow columns={7}>No router matches.</EmptyRow>}
          </tbody>
        </table>
      </section>
      <h2 class="section-title">Middlewares</h2>
      <section class="card flush">
        <table class="table responsive">
          <thead>
            <tr>
              <th>Status</th>
              <th>Name</th>
              <th>Type</th>
              <th>Used by</th>
            </tr>
          </thead>
          <tbody>
            {middlewares.map((m) => (
              <Fragment key={m.name}>
                <tr>
                  <td data-label="Status">
                    <StatusBadge status={m.status} />
                  </td>
                  <td data-label="Name">
                    <QName name={m.name} />
                  </td>
                  <td data-label="Type">
                    <code>{m.type || '—'}</code>
                  </td>
                  <td data-label="Used by">
                    {m.usedBy.length === 0 ? (
                      <span class="muted">unused</span>
                    ) : (
                      m.usedBy.map((u) => (
                        <span key={u} class="chip">
                          <QName name={u} />
                        </span>
                      ))
                    )}
                  </td>
                </tr>
                {m.errors.length > 0 && (
                  <tr class="error-row">
                    <td colSpan={4}>
                      <ErrorList errors={m.errors} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
            {middlewares.length === 0 && <EmptyRow columns={4}>No middleware.</EmptyRow>}
          </tbody>
        </table>
      </section>
    </div>
  );
}
