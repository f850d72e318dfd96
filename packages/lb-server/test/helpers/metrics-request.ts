/**
 * The request record the metrics tests count: one GET answered 200 in 0.25 s through a Docker
 * router; tests spread it and change the fields they look at.
 */
import type { RequestRecord } from '../../src/metrics/metrics';

export const SAMPLE_REQUEST: RequestRecord = {
  entryPoint: 'web',
  router: 'api@docker',
  service: 'api-svc@docker',
  code: 200,
  method: 'GET',
  protocol: 'http',
  durationSeconds: 0.25,
};
