/**
 * Compose scaling on the Containers page: one card per compose service with a replica stepper
 * that asks the API to scale the service.
 */
import { useEffect, useState } from 'preact/hooks';
import { act, run } from '../api';

/** A compose service as the containers API lists it. */
export interface ComposeSummary {
  project: string;
  service: string;
  replicas: number;
  running: number;
}

/** The scale card of one compose service. */
export function ScaleControl({ c, onDone }: { c: ComposeSummary; onDone: () => void }) {
  const [target, setTarget] = useState(c.replicas);
  useEffect(() => setTarget(c.replicas), [c.replicas]);
  const [busy, setBusy] = useState(false);
  const apply = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    await run(`${c.project}/${c.service} scaled to ${target}`, () =>
      act('POST', '/api/junction/compose/scale', { project: c.project, service: c.service, replicas: target }),
    );
    setBusy(false);
    onDone();
  };
  return (
    <form class="card scale" onSubmit={apply} data-compose={`${c.project}/${c.service}`}>
      <div>
        <h3>{c.service}</h3>
        <div class="muted small">
          project {c.project} · {c.running}/{c.replicas} running
        </div>
      </div>
      <div class="stepper">
        <button
          type="button"
          aria-label={`Fewer ${c.service} replicas`}
          onClick={() => setTarget(Math.max(0, target - 1))}
        >
          −
        </button>
        <input
          type="number"
          min={0}
          max={50}
          value={target}
          aria-label={`Replicas of ${c.service}`}
          onInput={(e) => setTarget(Number(e.currentTarget.value))}
        />
        <button
          type="button"
          aria-label={`More ${c.service} replicas`}
          onClick={() => setTarget(Math.min(50, target + 1))}
        >
          +
        </button>
      </div>
      <button type="submit" class="primary small" disabled={busy || target === c.replicas}>
        {busy ? 'Scaling…' : 'Scale'}
      </button>
    </form>
  );
}
