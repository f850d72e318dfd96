/**
 * The comparison as JSON for other tools. Request records are large, so only runs with a change
 * of servers (kill, scale-up) keep theirs, thinned to {@link JSON_RECORDS_PER_RUN}; the metrics
 * of every run are complete.
 */
import type { ComparisonResult } from '../model/types';
import { thinRecords } from './charts';

/** Records kept per run with changes. */
export const JSON_RECORDS_PER_RUN = 1000;

/** The JSON document (a plain object, ready for `JSON.stringify`). */
export function toJsonReport(
  result: ComparisonResult,
): ComparisonResult & { readonly format: 'junction-harness-compare/1' } {
  return {
    format: 'junction-harness-compare/1',
    ...result,
    runs: result.runs.map((run) => ({
      ...run,
      records: run.timeline.length > 1 ? thinRecords(run.records, JSON_RECORDS_PER_RUN) : [],
    })),
  };
}
