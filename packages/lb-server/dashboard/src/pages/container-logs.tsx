/**
 * The container logs dialog of the Containers page: the last 300 lines of a container's stdout
 * and stderr, fetched from the API when opened and on Refresh.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ContainerState } from '../../../src/dashboard/state-types';
import { ApiError, getJson } from '../api';
import { Modal } from '../components/modal';

interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A modal showing the tail of a container's logs. */
export function ContainerLogs({ container, onClose }: { container: ContainerState; onClose: () => void }) {
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
