/**
 * @junction/lb-test-harness: strategy comparisons and proxy benchmarks for Junction.
 * This entry exports the statistics the reports are made of.
 */
export { countBy, longestRun, maxDeviation, percentile, shares } from './stats';
export type { ShareRow } from './stats';
