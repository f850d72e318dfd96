/**
 * Certificates: every TLS certificate Junction serves or waits for — domains, issuer, not-after
 * with the days left, resolver or source, state and last error with the configuration element at
 * fault. Problems come first; expiring rows are amber, expired and refused ones red. Live like
 * every page (the state stream); the JSON of one certificate is at `/api/certificates/{name}`.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { CertificateState, CertificateStateName, DashboardState } from '../../../src/dashboard/state-types';
import { Badge, type Tone } from '../components/badge';
import { EmptyRow } from '../components/empty-row';
import { withoutCode } from '../components/errors';
import { FilterToolbar, matches } from '../components/filter';

const TONE: Record<CertificateStateName, Tone> = {
  valid: 'ok',
  expiring: 'warn',
  expired: 'bad',
  pending: 'info',
  error: 'bad',
};
const RANK: Record<CertificateStateName, number> = { error: 0, expired: 1, expiring: 2, pending: 3, valid: 4 };
const SOURCE: Record<string, string> = {
  file: 'file',
  default: 'default certificate',
  generated: 'generated default',
  acme: 'ACME',
};

/** `12` → `in 12 days`, `0` → `today`, `-3` → `3 days ago`. */
function daysText(days: number): string {
  if (days === 0) return 'today';
  const n = Math.abs(days);
  const unit = n === 1 ? 'day' : 'days';
  return days > 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}

function NotAfter({ c }: { c: CertificateState }) {
  if (c.notAfter === undefined) return <span class="muted">—</span>;
  const tone = c.state === 'expired' || (c.daysLeft ?? 0) < 0 ? 'bad' : c.state === 'expiring' ? 'warn' : 'muted';
  return (
    <span class="not-after">
      <time dateTime={c.notAfter}>{c.notAfter.slice(0, 10)}</time>
      {c.daysLeft !== undefined && <span class={`days ${tone}`}>{daysText(c.daysLeft)}</span>}
    </span>
  );
}

function Domains({ c }: { c: CertificateState }) {
  const [first, ...rest] = c.domains;
  if (first === undefined) return <span class="mono muted">{c.element ?? c.id}</span>;
  return (
    <span class="domains">
      <strong class="mono">{first}</strong>
      {rest.map((d) => (
        <span key={d} class="chip mono">
          {d}
        </span>
      ))}
    </span>
  );
}

function Details({ c }: { c: CertificateState }) {
  return (
    <details>
      <summary>Details</summary>
      <dl class="facts small">
        <dt>Id</dt>
        <dd class="mono">{c.id}</dd>
        <dt>Store</dt>
        <dd>{c.store}</dd>
        {c.fingerprint !== undefined && (
          <>
            <dt>SHA-256</dt>
            <dd class="mono">{c.fingerprint}</dd>
          </>
        )}
        <dt>Expiring within</dt>
        <dd>{c.expiringDays} days</dd>
        <dt>JSON</dt>
        <dd>
          <a href={`/api/certificates/${encodeURIComponent(c.name)}`}>/api/certificates/{c.name.slice(0, 12)}…</a>
        </dd>
      </dl>
    </details>
  );
}

function Row({ c }: { c: CertificateState }) {
  return (
    <Fragment>
      <tr data-certificate={c.name} class={`cert-${c.state}`}>
        <td data-label="State">
          <Badge tone={TONE[c.state]}>{c.state}</Badge>
          {!c.serving && c.state !== 'pending' && <span class="muted small"> not served</span>}
        </td>
        <td data-label="Domains" class="wide">
          <Domains c={c} />
        </td>
        <td data-label="Issuer">{c.issuer ?? <span class="muted">—</span>}</td>
        <td data-label="Not after">
          <NotAfter c={c} />
        </td>
        <td data-label="Resolver">{c.resolver ?? <span class="muted">{SOURCE[c.source] ?? c.source}</span>}</td>
        <td data-label="More" class="actions">
          <Details c={c} />
        </td>
      </tr>
      {c.error !== undefined && (
        <tr class="error-row">
          <td colSpan={6}>
            <ul class="errors">
              <li>
                <code class="code">{c.error.code}</code> {withoutCode(c.error.message, c.error.code)}
                {c.element !== undefined && (
                  <span class="where">
                    {' '}
                    — <code class="element">{c.element}</code>
                  </span>
                )}
                {c.serving && <span class="where"> — the previous certificate keeps serving</span>}
              </li>
            </ul>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

const order = (a: CertificateState, b: CertificateState): number =>
  RANK[a.state] - RANK[b.state] ||
  (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
  (a.domains[0] ?? a.id).localeCompare(b.domains[0] ?? b.id);

/** The certificates page. */
export function Certificates({ state }: { state: DashboardState }) {
  const [query, setQuery] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const shown = state.certificates
    .filter((c) => !problemsOnly || c.state !== 'valid')
    .filter((c) => matches(query, ...c.domains, c.issuer ?? '', c.resolver ?? '', c.element ?? '', c.id, c.state))
    .sort(order);
  const counts = state.counts.certificates;
  return (
    <div class="page">
      <FilterToolbar
        filter={{
          query,
          onQuery: setQuery,
          placeholder: 'Filter by domain, issuer, resolver…',
          label: 'Filter certificates',
        }}
        count={{ shown: shown.length, total: state.certificates.length, noun: 'certificates' }}
        options={
          <label class="check">
            <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.currentTarget.checked)} />{' '}
            Needs attention only
          </label>
        }
      >
        {counts.errors > 0 && <Badge tone="bad">{counts.errors} with errors</Badge>}
        {counts.warnings > 0 && <Badge tone="warn">{counts.warnings} expiring or pending</Badge>}
      </FilterToolbar>
      <section class="card flush">
        <table class="table responsive certificates">
          <caption class="sr-only">TLS certificates, problems first</caption>
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">Domains</th>
              <th scope="col">Issuer</th>
              <th scope="col">Not after</th>
              <th scope="col">Resolver</th>
              <th scope="col">
                <span class="sr-only">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <Row key={c.name} c={c} />
            ))}
            {shown.length === 0 && (
              <EmptyRow columns={6}>
                {state.certificates.length === 0
                  ? 'No TLS certificate: no entry point or router uses TLS.'
                  : 'No certificate matches.'}
              </EmptyRow>
            )}
          </tbody>
        </table>
      </section>
    </div>
  );
}
