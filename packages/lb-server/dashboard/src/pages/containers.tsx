/**
 * Containers: every container (running and stopped) with image, state, health, ports and
 * labels; start, stop, restart, remove; tail logs; and compose services with a scale control.
 * The list is fetched from the API every few seconds while the page is open, and after actions.
 * Swarm tasks belong to the swarm: their containers offer logs only (stopping or removing one
 * would just make the swarm start another), and with the swarm provider alone the page says
 * where tasks are managed and lists the services' label errors.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ContainerState, DashboardState } from '../../../src/dashboard/state-types';
import { getJson } from '../api';
import { EmptyRow } from '../components/empty-row';
import { type ComposeSummary, ScaleControl } from './compose-scale';
import { ContainerLogs } from './container-logs';
import { ContainerRow } from './container-row';
import { LabelErrors } from './overview';

interface ContainersAnswer {
  containers: ContainerState[];
  compose: ComposeSummary[];
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
            {answer === undefined && <EmptyRow columns={7}>Loading…</EmptyRow>}
            {answer?.containers.length === 0 && <EmptyRow columns={7}>No container.</EmptyRow>}
          </tbody>
        </table>
      </section>
      {logsOf !== undefined && <ContainerLogs container={logsOf} onClose={() => setLogsOf(undefined)} />}
    </div>
  );
}
