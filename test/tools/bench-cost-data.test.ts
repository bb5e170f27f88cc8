import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { aggregate } from '../../functions/cost/aggregate';
import { readFocusFile } from '../../functions/cost/read-focus';
import { BENCH_FOCUS_COLUMNS, benchFocusFile, benchFocusFilePath } from '../../tools/bench/cost-data';

describe('the cost benchmark file', () => {
  const rows = 3_000;

  it('is generated the same, byte for byte, every time', async () => {
    rmSync(benchFocusFilePath(rows), { force: true });
    const first = await benchFocusFile(rows);
    const digest = createHash('sha256').update(readFileSync(first.file)).digest('hex');
    rmSync(first.file);
    const second = await benchFocusFile(rows);
    expect(createHash('sha256').update(readFileSync(second.file)).digest('hex')).toBe(digest);
    expect(second).toMatchObject({ rows, bytes: first.bytes });
  });

  it('is a FOCUS export the report reads without a fault: three currencies, USD most of the rows', async () => {
    const { file } = await benchFocusFile(rows);
    expect(readFileSync(file, 'utf8').split('\n', 1)[0].split(',')).toEqual([...BENCH_FOCUS_COLUMNS]);
    const counts: Record<string, number> = {};
    for await (const row of readFocusFile(file)) counts[row.BillingCurrency] = (counts[row.BillingCurrency] ?? 0) + 1;
    expect(Object.keys(counts).sort()).toEqual(['CNY', 'EUR', 'USD']);
    expect(counts.USD / rows).toBeGreaterThan(0.8);
    const { reports } = await aggregate(readFocusFile(file), { groupBy: ['ServiceName'], granularity: 'day' });
    expect(reports.find((report) => report.currency === 'USD')!.groups.length).toBe(10);
  });
});
