/**
 * Reads one service: exactly one of `loadBalancer`, `weighted`, `mirroring` or `failover`
 * (Traefik's `dynamic.Service` "can only be of one type at the same time").
 * References to other services are checked later, by `references.ts`.
 */
import { compact, readObject, type FieldReader } from './field-reader';
import { readLoadBalancer, readSticky } from './validate-load-balancer';
import type { FailoverConfig, MirroringConfig, ServiceConfig, WeightedConfig } from './types';

/** The service types, in the order error messages list them. */
export const SERVICE_TYPES = ['loadBalancer', 'weighted', 'mirroring', 'failover'] as const;

/** Reads a service element. */
export function readService(r: FieldReader): ServiceConfig | undefined {
  const present = SERVICE_TYPES.filter((type) => r.keys().some((key) => key.toLowerCase() === type.toLowerCase()));
  if (present.length === 0) {
    r.sink.add(r.path, `must define one of ${SERVICE_TYPES.join(', ')}`);
  } else if (present.length > 1) {
    r.sink.add(r.path, `defines ${present.join(' and ')}; a service has exactly one type`);
  }
  const loadBalancer = r.object('loadBalancer', readLoadBalancer);
  const weighted = r.object('weighted', readWeighted);
  const mirroring = r.object('mirroring', readMirroring);
  const failover = r.object('failover', readFailover);
  if (loadBalancer !== undefined) return { loadBalancer };
  if (weighted !== undefined) return { weighted };
  if (mirroring !== undefined) return { mirroring };
  return failover === undefined ? undefined : { failover };
}

/** Traefik's service-level `healthCheck: {}` (propagate child health); it has no fields. */
function readEmpty(): Readonly<Record<string, never>> {
  return {};
}

function readWeighted(r: FieldReader): WeightedConfig | undefined {
  const services = r.list(
    'services',
    (value, path) =>
      readObject(value, path, r.sink, (s) => {
        const name = s.string('name', { required: true, nonEmpty: true });
        const weight = s.int('weight', { min: 0 }) ?? 1;
        return name === undefined ? undefined : { name, weight };
      }),
    { required: true, nonEmpty: true },
  );
  const sticky = r.object('sticky', readSticky);
  const healthCheck = r.object('healthCheck', readEmpty);
  return services === undefined ? undefined : compact({ services, sticky, healthCheck });
}

function readMirroring(r: FieldReader): MirroringConfig | undefined {
  const service = r.string('service', { required: true, nonEmpty: true });
  const mirrors =
    r.list('mirrors', (value, path) =>
      readObject(value, path, r.sink, (m) => {
        const name = m.string('name', { required: true, nonEmpty: true });
        const percent = m.int('percent', { min: 0, max: 100 }) ?? 0;
        return name === undefined ? undefined : { name, percent };
      }),
    ) ?? [];
  const maxBodySize = r.int('maxBodySize', { min: -1 }) ?? -1;
  const mirrorBody = r.bool('mirrorBody') ?? true;
  const healthCheck = r.object('healthCheck', readEmpty);
  return service === undefined ? undefined : compact({ service, mirrors, maxBodySize, mirrorBody, healthCheck });
}

function readFailover(r: FieldReader): FailoverConfig | undefined {
  const service = r.string('service', { required: true, nonEmpty: true });
  const fallback = r.string('fallback', { required: true, nonEmpty: true });
  const healthCheck = r.object('healthCheck', readEmpty);
  return service === undefined || fallback === undefined ? undefined : compact({ service, fallback, healthCheck });
}
