/**
 * The local server's cost data: FOCUS export files named by COST_FOCUS_FILES — a list of files
 * (comma- or path-separated), a directory of them (every `.csv`, `.csv.gz` and `.parquet` in it), or both.
 * Without the variable, `GET /cost/reports` answers 503 naming it.
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { SourceNotConfiguredError } from '../../cost/http/problems';
import type { CostRow } from '../../cost/focus';
import { FocusFileSource } from '../../cost/sources/focus-files';
import type { CostSource } from '../../cost/sources/source';

/** The variable naming the local cost data. */
export const COST_FOCUS_FILES = 'COST_FOCUS_FILES';

const WHAT_IT_HOLDS = 'FOCUS exports (CSV, plain or gzip, or Parquet): files separated by commas, or a directory of them';
const FOCUS_FILE = /\.(csv(\.gz)?|parquet)$/i;

/** The source without COST_FOCUS_FILES: every query ends in "no cost data configured", naming the variable. */
export function unconfiguredSource(): CostSource {
  return {
    name: 'unconfigured',
    // eslint-disable-next-line require-yield
    rows: async function* (): AsyncGenerator<CostRow> {
      throw new SourceNotConfiguredError(COST_FOCUS_FILES, WHAT_IT_HOLDS);
    },
  };
}

/**
 * The files COST_FOCUS_FILES names, as a source; an unconfigured source when it is unset. Throws
 * naming the variable for a path that does not exist or a directory without FOCUS files, so the
 * server stops at start rather than failing every request.
 */
export function costSourceFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): CostSource {
  const value = env[COST_FOCUS_FILES]?.trim();
  if (!value) return unconfiguredSource();
  const files = value
    .split(new RegExp(`[,${path.delimiter}]`))
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .flatMap((item) => filesAt(path.resolve(cwd, item), item));
  return new FocusFileSource(files, 'FOCUS files');
}

function filesAt(absolute: string, given: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    throw new Error(`${COST_FOCUS_FILES}: ${given} does not exist (${WHAT_IT_HOLDS})`);
  }
  if (!isDirectory) return [absolute];
  const files = readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => entry.isFile() && FOCUS_FILE.test(entry.name))
    .map((entry) => path.join(absolute, entry.name))
    .sort();
  if (!files.length) throw new Error(`${COST_FOCUS_FILES}: the directory ${given} holds no .csv, .csv.gz or .parquet file`);
  return files;
}
