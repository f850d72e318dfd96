/**
 * Containers: every container (running and stopped) with image, state, health, ports and
 * labels; start, stop, restart, remove; tail logs; and compose services with a scale control.
 * The list is fetched from the API every few seconds while the page is open, and after actions.
 * Swarm tasks belong to the swarm: their containers offer logs only (stopping or removing one
 * would just make the swarm start another), and with the swarm provider alone the page says
 * where tasks are managed and lists the services' label errors.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ContainerState, DashboardState, LabelErrorState } from '../../../src/dashboard/state-types';
import { act, ApiError, getJson, run } from '../api';
import { Badge, StatusBadge } from '../components/badge';
import { Modal } from '../components/modal';
import { LabelErrors } from './overview';

/** The label swarm puts on a task's container: the service it belongs to. */
const SWARM_SERVICE_LABEL = 'com.docker.swarm.service.name';

interface ComposeSummary {
  project: string;
  service: string;
  replicas: number;
  running: number;
}
interface ContainersAnswer {
  containers: ContainerState[];
  compose: ComposeSummary[];
}
interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

function Logs({ container, onClose }: { container: ContainerState; onClose: () => void }) {
  const [lines, setLines] = useState<LogLine[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const load = useCallback(() => {
    getJson<{ lines: LogLine[] }>(`/api/junction/containers/${encodeURIComponent(container.id)}/logs?tail=300`).then(
      (a) => {
        setLines(a.lines);
        setError(undefined);
      },
      (e: Error) => setError(e instanceof ApiError && e.status === 401 ? 'Sign in to read logs.' : e.message),
    );
  }, [container.id]);
  useEffect(load, [load]);
  return (
    <Modal title={`Logs of ${container.name}`} onClose={onClose} wide>
      <div class="toolbar">
        <span class="muted">last 300 lines</span>
        <span class="grow" />
        <button type="button" class="small" onClick={load}>
          Refresh
        </button>
      </div>
      {error !== undefined && <p class="notice bad">{error}</p>}
      <pre class="logs" tabIndex={0}>
        {lines === undefined
          ? 'Loading…'
          : lines.length === 0
            ? '(no output)'
            : lines.map((l, i) => (
                <span key={i} class={l.stream}>
                  {l.text}
                  {'\n'}
                </span>
              ))}
      </pre>
    </Modal>
  );
}

function ScaleControl({ c, onDone }: { c: ComposeSummary; onDone: () => void }) {
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

function ContainerRow({
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

/** The containers page. */
export function Containers({ state }: { state: DashboardState }) {
  const [answer, setAnswer] = useState<ContainersAnswer | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [logsOf, setLogsOf] = useState<ContainerState | undefined>(undefined);
  const refresh = useCallback(() => {
    getJson<ContainersAnswer>('/api/junction/containers').then(
      (a) => {
        setAnswer(a);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    if (!state.access.docker) return undefined;
    refresh();
    const timer = setInterval(refresh, 3000);
    return () => clearInterval(timer);
  }, [refresh, state.access.docker]);
  if (!state.access.docker) {
    if (!state.providers.some((p) => p.name === 'swarm'))
      return (
        <div class="page">
          <p class="notice">Container management is not available: enable the Docker provider.</p>
        </div>
      );
    return (
      <div class="page">
        <p class="notice">
          Swarm mode: the swarm runs the tasks, not Junction. Scale and update them on a manager (
          <code>docker service scale</code>, <code>docker service update</code>); every service's tasks, as this replica
          and every other one see them, are on the <a href="#/services">Services</a> page.
        </p>
        <LabelErrors errors={state.labelErrors} />
      </div>
    );
  }
  const errorsOf = (name: string) => state.labelErrors.filter((e) => e.container === name);
  return (
    <div class="page">
      {error !== undefined && <p class="notice bad">{error}</p>}
      {answer !== undefined && answer.compose.length > 0 && (
        <>
          <h2 class="section-title">Compose services</h2>
          <div class="grid scales">
            {answer.compose.map((c) => (
              <ScaleControl key={`${c.project}/${c.service}`} c={c} onDone={refresh} />
            ))}
          </div>
        </>
      )}
      <h2 class="section-title">
        Containers {answer !== undefined && <span class="muted">({answer.containers.length})</span>}
      </h2>
      <section class="card flush">
        <table class="table responsive containers">
          <thead>
            <tr>
              <th>Name</th>
              <th>Image</th>
              <th>State</th>
              <th>Health</th>
              <th>Ports</th>
              <th>Labels</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {answer?.containers.map((c) => (
              <ContainerRow key={c.id} c={c} errors={errorsOf(c.name)} onChange={refresh} onLogs={() => setLogsOf(c)} />
            ))}
            {answer === undefined && (
              <tr>
                <td colSpan={7} class="muted empty">
                  Loading…
                </td>
              </tr>
            )}
            {answer?.containers.length === 0 && (
              <tr>
                <td colSpan={7} class="muted empty">
                  No container.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      {logsOf !== undefined && <Logs container={logsOf} onClose={() => setLogsOf(undefined)} />}
    </div>
  );
}
