/**
 * Where the operator's overrides are saved (the state file's path, its state, the last save, a
 * write or load error) and the overrides kept for elements that are not present (a container
 * not started yet, or gone), each with a button to clear it.
 */
import type { OrphanOverrideState, PersistenceState } from '../../../src/dashboard/state-types';
import { act, run } from '../api';
import { Badge, QName } from './badge';
import { ago } from '../format';

function Problem({ title, p }: { title: string; p: NonNullable<PersistenceState['lastError']> }) {
  return (
    <p class="notice bad" role="alert">
      <strong>{title}</strong> ({ago(p.at)}): {p.message}
      {p.setAside !== undefined && (
        <span>
          {' '}
          — kept as <span class="mono">{p.setAside}</span>
        </span>
      )}
    </p>
  );
}

/** The state file card. */
export function StateFileCard({ persistence }: { persistence: PersistenceState }) {
  const saved = persistence.enabled;
  return (
    <section class="card state-file" aria-label="Saved overrides">
      <header class="row">
        <h2>Saved overrides</h2>
        <Badge
          tone={
            persistence.state === 'error'
              ? 'bad'
              : persistence.state === 'off' || persistence.loadError !== undefined
                ? 'warn'
                : 'ok'
          }
        >
          {persistence.state === 'ok' ? 'saved' : persistence.state === 'error' ? 'not saved' : 'memory only'}
        </Badge>
      </header>
      <dl class="facts">
        <dt>State file</dt>
        <dd class="mono" data-testid="state-file-path">
          {persistence.path ?? '—'}
        </dd>
        {saved && persistence.restored !== undefined && (
          <>
            <dt>At start</dt>
            <dd>
              {persistence.restored} override{persistence.restored === 1 ? '' : 's'} restored
            </dd>
          </>
        )}
        {saved && (
          <>
            <dt>Last saved</dt>
            <dd>
              {persistence.lastSavedAt === undefined ? 'not since start' : ago(persistence.lastSavedAt)}
              {persistence.pending ? ' · change pending' : ''}
            </dd>
          </>
        )}
      </dl>
      {!saved && <p class="notice warn">Drains, weights and strategies are lost on restart: {persistence.reason}.</p>}
      {persistence.lastError !== undefined && (
        <Problem title="Cannot save (they still apply until restart)" p={persistence.lastError} />
      )}
      {persistence.loadError !== undefined && (
        <Problem title="The state file found at start could not be used" p={persistence.loadError} />
      )}
    </section>
  );
}

function describe(o: OrphanOverrideState): string {
  if (o.server === undefined) return `strategy ${o.strategy ?? ''}`;
  return [o.draining === true ? 'drained' : '', o.weight === undefined ? '' : `weight ${o.weight}`]
    .filter((x) => x !== '')
    .join(', ');
}

/** Overrides whose element is not present, with a Clear button each; nothing when there are none. */
export function OrphanOverrides({ orphans }: { orphans: readonly OrphanOverrideState[] }) {
  if (orphans.length === 0) return null;
  const clear = (o: OrphanOverrideState) =>
    run(`Override of ${o.server ?? o.service} cleared`, () =>
      act('DELETE', '/api/junction/overrides', {
        service: o.service,
        ...(o.server === undefined ? {} : { server: o.server }),
      }),
    );
  return (
    <section class="card orphans" aria-label="Overrides of elements not present">
      <h2>
        Overrides of elements not present <Badge tone="warn">{orphans.length}</Badge>
      </h2>
      <p class="muted small">
        Kept in case the {orphans.some((o) => o.server !== undefined) ? 'server or service' : 'service'} comes back (a
        container started later gets them at once). Clear those you no longer need.
      </p>
      <ul class="attention">
        {orphans.map((o) => (
          <li key={`${o.service} ${o.server ?? ''}`} data-orphan={`${o.service} ${o.server ?? ''}`}>
            <Badge tone="muted">element not present</Badge>
            {o.server !== undefined && <span class="mono">{o.server}</span>}
            <QName name={o.service} />
            <span>{describe(o)}</span>
            <span class="muted small">
              {o.missing === 'service' ? 'no such service' : 'no such server in it'} · set by {o.by}{' '}
              {ago(new Date(o.at).toISOString())}
            </span>
            <button type="button" class="small warn" onClick={() => clear(o)}>
              Clear
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
