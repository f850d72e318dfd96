/**
 * One server's row in a service card: state, URL, weight (overridable, marked and resettable),
 * in-flight, req/s, error rate, p50/p99, share bar and the drain/undrain toggle.
 */
import { useState } from 'preact/hooks';
import type { ServerState } from '../../../src/dashboard/state-types';
import { act, run } from '../api';
import { Badge, StatusBadge } from '../components/badge';
import { millis, percent, rate } from '../format';

/** The weight of a server, editable in place; an overridden weight shows a Reset button. */
function WeightCell({ service, server }: { service: string; server: ServerState }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(String(server.weight));
  const save = async (e: Event) => {
    e.preventDefault();
    const weight = Number(value);
    if (
      await run(`Weight of ${server.url} set to ${weight}`, () =>
        act('POST', '/api/junction/servers/weight', { service, server: server.id, weight }),
      )
    )
      setEditing(false);
  };
  if (editing) {
    return (
      <form class="inline" onSubmit={save}>
        <input
          type="number"
          min={0}
          max={10000}
          step={1}
          value={value}
          aria-label="New weight"
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" class="small primary">
          Set
        </button>
        <button type="button" class="small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <span class="weight">
      <button
        type="button"
        class="link"
        title="Change weight"
        onClick={() => {
          setValue(String(server.weight));
          setEditing(true);
        }}
      >
        {server.weight}
      </button>
      {server.effectiveWeight !== undefined && (
        <span class="muted" title="slow start">
          {' '}
          → {server.effectiveWeight}
        </span>
      )}
      {server.weightOverridden && (
        <>
          <Badge tone="info" title={`provider says ${server.providerWeight}`}>
            overridden
          </Badge>
          <button
            type="button"
            class="small"
            onClick={() =>
              run(`Weight of ${server.url} reset to ${server.providerWeight}`, () =>
                act('DELETE', '/api/junction/servers/weight', { service, server: server.id }),
              )
            }
          >
            Reset
          </button>
        </>
      )}
    </span>
  );
}

/** A server's table row; `color` matches its series in the chart. */
export function ServerRow({ service, server, color }: { service: string; server: ServerState; color: string }) {
  const toggle = () =>
    run(`${server.url} ${server.drainOverridden ? 'undrained' : 'draining'}`, () =>
      act('POST', `/api/junction/servers/${server.drainOverridden ? 'undrain' : 'drain'}`, {
        service,
        server: server.id,
      }),
    );
  return (
    <tr data-server={server.id}>
      <td data-label="State">
        <StatusBadge status={server.state} />
      </td>
      <td data-label="Server" class="server-cell wide">
        <i class="dot" style={{ background: color }} />
        <span class="mono">{server.url}</span>
        {server.id !== server.url && <div class="muted small mono">{server.id}</div>}
      </td>
      <td data-label="Weight">
        <WeightCell service={service} server={server} />
      </td>
      <td data-label="In flight" class="num">
        {server.inFlight}
      </td>
      <td data-label="Req/s" class="num">
        {rate(server.rps)}
      </td>
      <td data-label="Errors" class={`num ${server.errorRate > 0.05 ? 'bad' : ''}`}>
        {percent(server.errorRate)}
      </td>
      <td data-label="p50" class="num">
        {millis(server.p50)}
      </td>
      <td data-label="p99" class="num">
        {millis(server.p99)}
      </td>
      <td data-label="Share" class="share">
        <span class="bar">
          <span style={{ width: `${Math.round(server.share * 100)}%`, background: color }} />
        </span>
        {percent(server.share)}
      </td>
      <td data-label="Actions" class="actions">
        <button type="button" class={server.drainOverridden ? 'small' : 'small warn'} onClick={toggle}>
          {server.drainOverridden ? 'Undrain' : 'Drain'}
        </button>
      </td>
    </tr>
  );
}
