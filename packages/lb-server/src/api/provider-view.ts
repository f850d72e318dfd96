/**
 * Providers as the API shows them. Traefik's overview lists only the names of the enabled
 * providers (`"File"`, `"Docker"`); Junction also shows each provider's state and its last
 * failure (for the file provider: the file, line and column of a parse error), because that
 * failure belongs to no element and would otherwise be visible only in the log.
 */
import type { ProviderStatus } from '../providers/provider';
import { dropUndefined, type ErrorDetail } from './representations';

/** A provider's last failure, with its time as an ISO 8601 string. */
export interface ProviderFailureView extends ErrorDetail {
  readonly at: string;
}

/** A provider's health as the API shows it. */
export interface ProviderStatusView {
  /** `ok`, `error` (the last attempt failed; the previous snapshot still serves) or `connecting`. */
  readonly state: ProviderStatus['state'];
  /** When the provider last produced a snapshot (ISO 8601). */
  readonly lastUpdate?: string;
  readonly lastError?: ProviderFailureView;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Traefik's names for provider sections, as its overview lists them. */
const TRAEFIK_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  file: 'File',
  docker: 'Docker',
  swarm: 'Swarm',
  rest: 'Rest',
  http: 'HTTP',
  kubernetescrd: 'KubernetesCRD',
  kubernetesingress: 'KubernetesIngress',
};

/** `file` → `File`, `docker` → `Docker`; other names get an upper-case first letter. */
export function traefikProviderName(name: string): string {
  return TRAEFIK_PROVIDER_NAMES[name.toLowerCase()] ?? `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The view of one provider's status. */
export function providerStatusView(status: ProviderStatus): ProviderStatusView {
  const failure = status.lastError;
  const lastError =
    failure === undefined
      ? undefined
      : dropUndefined({
          code: failure.code,
          message: failure.message,
          path: failure.path,
          file: failure.file,
          line: failure.line,
          column: failure.column,
          at: iso(failure.at) ?? '',
        });
  return dropUndefined({ state: status.state, lastUpdate: iso(status.lastUpdate), lastError, details: status.details });
}

/** Every provider's status view, by provider name, in name order. */
export function providerStatusViews(
  providers: Readonly<Record<string, ProviderStatus | undefined>>,
): Record<string, ProviderStatusView> {
  const out: Record<string, ProviderStatusView> = {};
  for (const name of Object.keys(providers).sort()) {
    const status = providers[name];
    if (status !== undefined) out[name] = providerStatusView(status);
  }
  return out;
}
