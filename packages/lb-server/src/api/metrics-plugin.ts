/**
 * The Prometheus scrape endpoint as an encapsulated Fastify plugin: `GET /metrics` answers the
 * text exposition of Junction's metrics registry with its content type (Traefik serves the same
 * on the entry point named by `metrics.prometheus.entryPoint`, `traefik` by default).
 */
import type { FastifyPluginAsync } from 'fastify';

/** What the plugin serves: `Metrics` from `metrics/metrics.ts` fits as it is. */
export interface MetricsSource {
  /** `Content-Type` of {@link MetricsSource.render}'s output. */
  readonly contentType: string;
  /** The text exposition. */
  render(): Promise<string> | string;
}

/** Options of {@link metricsPlugin}. */
export interface MetricsPluginOptions {
  readonly metrics: MetricsSource;
  /** Route path; default `/metrics`. */
  readonly path?: string;
}

/** Registers `GET /metrics` (see the module comment). */
export const metricsPlugin: FastifyPluginAsync<MetricsPluginOptions> = async (app, { metrics, path }) => {
  app.get(path ?? '/metrics', async (_request, reply) => {
    const body = await metrics.render();
    return reply.type(metrics.contentType).send(body);
  });
};
