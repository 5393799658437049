import type { Row } from './table.ts';

/** What every section gets: the deployed API bundle and a scratch folder that index.ts removes. */
export interface BenchContext {
  /** Absolute path of the API Lambda's `index.mjs`, exactly as `cdk deploy` uploads it. */
  apiBundle: string;
  /** Absolute path of the reminder Lambda's `index.mjs`, as deployed. */
  remindersBundle: string;
  /** Temporary folder for intermediate bundles and scripts; removed after the run. */
  workDir: string;
  /** Progress message on stderr (stdout carries only the final table). */
  log(message: string): void;
}

/** One benchmark figure group; sections run one after another, never in parallel (2 cores). */
export interface Section {
  title: string;
  run(context: BenchContext): Promise<Row[]>;
}
