/**
 * Writes a report directory: `reports/<kind>-<timestamp>/` with `report.html`, `report.md` and
 * `report.json` (any subset), and returns the paths written.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `2024-05-01T12-30-05` from a date: sortable and safe in file names. */
export function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replaceAll(':', '-');
}

/** Files of a report, by extension. */
export interface ReportFiles {
  readonly html?: string;
  readonly md: string;
  readonly json: unknown;
}

/** Writes the files under `outDir/<kind>-<stamp>/` and returns their paths. */
export async function writeReport(
  outDir: string,
  kind: string,
  date: Date,
  files: ReportFiles,
): Promise<{ dir: string; paths: string[] }> {
  const dir = join(outDir, `${kind}-${stamp(date)}`);
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  const put = async (name: string, content: string): Promise<void> => {
    const path = join(dir, name);
    await writeFile(path, content);
    paths.push(path);
  };
  if (files.html !== undefined) await put('report.html', files.html);
  await put('report.md', files.md);
  await put('report.json', `${JSON.stringify(files.json, null, 2)}\n`);
  return { dir, paths };
}
