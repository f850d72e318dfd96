/**
 * Subscribes to `/api/junction/events` (server-sent events) and returns the latest dashboard
 * state. EventSource reconnects by itself; `connected` says whether the stream is up.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DashboardState } from '../../src/dashboard/state-types';

/** The live state and the stream's health. */
export function useStateStream(): { state: DashboardState | undefined; connected: boolean } {
  const [state, setState] = useState<DashboardState | undefined>(undefined);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource('/api/junction/events');
    source.addEventListener('state', (event) => {
      setState(JSON.parse((event as MessageEvent<string>).data) as DashboardState);
      setConnected(true);
    });
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, []);
  return { state, connected };
}
