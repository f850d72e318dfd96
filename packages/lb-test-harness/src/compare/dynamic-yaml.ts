/**
 * Writes the Traefik dynamic configuration Junction's file provider reads: one catch-all router
 * on the `web` entry point, one load-balanced service with the strategy under test, active and
 * passive health checks, and a marker router named after the generation, whose appearance in
 * Junction's API tells the harness that the rewrite has been applied.
 *
 * The YAML is emitted by hand (the structure is fixed and small), with every string quoted.
 */
import type { StrategySpec } from '../model/types';
import { STICKY_COOKIE } from '../sim/balancer';

/** A server of the generated service. */
export interface YamlServer {
  readonly url: string;
  readonly weight: number;
}

/** Health checks written into the service. */
export interface HealthSettings {
  /** Active check period, ms (also its timeout, minus a little). */
  readonly intervalMs: number;
  /** Passive check: how long a failing server stays out, ms. */
  readonly cooldownMs: number;
}

/** Default health settings: checks every 500 ms, one failure takes a server out for 2 s. */
export const DEFAULT_HEALTH: HealthSettings = Object.freeze({ intervalMs: 500, cooldownMs: 2000 });

/** What the configuration describes. */
export interface DynamicConfigInput {
  /** Increases with every rewrite; names the marker router. */
  readonly generation: number;
  /** The service's name (a new one per run, so every run starts with fresh balancer state). */
  readonly service: string;
  readonly strategy: StrategySpec;
  readonly servers: readonly YamlServer[];
  readonly health?: HealthSettings;
}

/** The marker router's name for a generation. */
export function markerRouter(generation: number): string {
  return `harness-g${generation}`;
}

const q = (s: string): string => JSON.stringify(s);

/** The YAML document. */
export function dynamicYaml(input: DynamicConfigInput): string {
  const health = input.health ?? DEFAULT_HEALTH;
  const marker = markerRouter(input.generation);
  const lines = [
    `# Written by lb-test-harness: generation ${input.generation}, strategy ${input.strategy.label}.`,
    'http:',
    '  routers:',
    '    harness:',
    `      rule: ${q('PathPrefix(`/`)')}`,
    `      service: ${q(input.service)}`,
    '      entryPoints: ["web"]',
    `    ${marker}:`,
    `      rule: ${q(`Path(\`/__harness/${marker}\`)`)}`,
    `      service: ${q(input.service)}`,
    '      entryPoints: ["web"]',
    '  services:',
    `    ${input.service}:`,
    '      loadBalancer:',
  ];
  if (input.strategy.strategy !== undefined) lines.push(`        strategy: ${q(input.strategy.strategy)}`);
  if (input.strategy.sticky)
    lines.push(
      '        sticky:',
      '          cookie:',
      `            name: ${q(STICKY_COOKIE)}`,
      '            httpOnly: true',
    );
  lines.push(
    '        healthCheck:',
    '          path: "/health"',
    `          interval: "${health.intervalMs}ms"`,
    `          timeout: "${Math.max(50, Math.round(health.intervalMs * 0.8))}ms"`,
    '        passiveHealthCheck:',
    '          maxFailedAttempts: 1',
    '          failureWindow: "10s"',
    `          cooldown: "${health.cooldownMs}ms"`,
    '        servers:',
  );
  for (const s of input.servers) lines.push(`          - url: ${q(s.url)}`, `            weight: ${s.weight}`);
  return `${lines.join('\n')}\n`;
}
