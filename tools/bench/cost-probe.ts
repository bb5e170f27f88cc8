/**
 * Preloaded (`node -r`) into a process the cost benchmark measures: when the process exits, writes
 * its peak resident memory and CPU time as JSON to the file named by `TWINSTACK_PROBE_OUT`. The
 * process itself runs unchanged.
 */
import { writeFileSync } from 'node:fs';

/** What the probe writes. */
export interface ProbeReport {
  /** Peak resident set size over the process's life, in bytes. */
  readonly maxRssBytes: number;
  /** User + system CPU time, in milliseconds (over all threads). */
  readonly cpuMs: number;
}

const out = process.env.TWINSTACK_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const report: ProbeReport = { maxRssBytes: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
    writeFileSync(out, JSON.stringify(report));
  });
}
