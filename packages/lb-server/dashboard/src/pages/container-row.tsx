/**
 * One row of the Containers page's table: name, image, state, health, ports, labels (with the
 * container's label errors) and the actions. Swarm task containers offer logs only: the swarm
 * would start another for one stopped or removed.
 */
import type { ContainerState, LabelErrorState } from '../../../src/dashboard/state-types';
import { act, run } from '../api';
import { Badge, StatusBadge } from '../components/badge';

/** The label swarm puts on a task's container: the service it belongs to. */
const SWARM_SERVICE_LABEL = 'com.docker.swarm.service.name';

/** A container's table row with its start/stop/restart/logs/remove actions. */
export function ContainerRow({
  c,
  errors,
  onChange,
  onLogs,
}: {
  c: ContainerState;
  errors: readonly LabelErrorState[];
  onChange: () => void;
  onLogs: () => void;
}) {
  const id = encodeURIComponent(c.id);
  const running = c.state === 'running';
  const doIt =
    (label: string, method: 'POST' | 'DELETE', path: string, body: unknown = {}) =>
    async () => {
      await run(`${c.name}: ${label}`, () => act(method, path, body));
      onChange();
    };
  const labels = Object.entries(c.labels).sort(([a], [b]) => a.localeCompare(b));
  const swarmService = c.labels[SWARM_SERVICE_LABEL];
  return (
    <tr data-container={c.name}>
      <td data-label="Name" class="wide">
        <strong class="mono">{c.name}</strong>
        <div class="muted small mono">{c.id.slice(0, 12)}</div>
      </td>
      <td data-label="Image" class="mono wide">
        {c.image}
      </td>
      <td data-label="State">
        <StatusBadge status={c.state} />
        <div class="muted small">{c.status}</div>
      </td>
      <td data-label="Health">
        {c.health === 'none' ? <span class="muted">—</span> : <StatusBadge status={c.health} />}
      </td>
      <td data-label="Ports" class="mono small">
        {c.ports.length === 0 ? <span class="muted">—</span> : c.ports.map((p) => <div key={p}>{p}</div>)}
      </td>
      <td data-label="Labels" class="wide">
        <details>
          <summary>
            {labels.length} labels
            {errors.length > 0 && (
              <>
                {' '}
                · <Badge tone="bad">{errors.length} errors</Badge>
              </>
            )}
          </summary>
          {errors.length > 0 && (
            <ul class="errors">
              {errors.map((e, i) => (
                <li key={i}>
                  {e.label !== undefined && <code>{e.label}</code>} {e.message}
                </li>
              ))}
            </ul>
          )}
          <dl class="labels">
            {labels.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      </td>
      <td data-label="Actions" class="actions">
        {swarmService !== undefined ? (
          <>
            <span class="muted small" title="Scale or update it with docker service scale|update on a manager">
              task of swarm service {swarmService}
            </span>
            <button type="button" class="small" onClick={onLogs}>
              Logs
            </button>
          </>
        ) : (
          <>
            {running ? (
              <button
                type="button"
                class="small"
                onClick={doIt('stopped', 'POST', `/api/junction/containers/${id}/stop`)}
              >
                Stop
              </button>
            ) : (
              <button
                type="button"
                class="small"
                onClick={doIt('started', 'POST', `/api/junction/containers/${id}/start`)}
              >
                Start
              </button>
            )}
            <button
              type="button"
              class="small"
              onClick={doIt('restarted', 'POST', `/api/junction/containers/${id}/restart`)}
            >
              Restart
            </button>
            <button type="button" class="small" onClick={onLogs}>
              Logs
            </button>
            <button
              type="button"
              class="small danger"
              onClick={() => {
                if (confirm(`Remove ${c.name}${running ? ' (it is running: it will be killed)' : ''}?`))
                  void doIt('removed', 'DELETE', `/api/junction/containers/${id}`, { force: running })();
              }}
            >
              Remove
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
