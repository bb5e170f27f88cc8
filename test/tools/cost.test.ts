import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALIBABA_CSV_GZ, AWS_CSV, BAD_NUMBER_CSV, MISSING_COLUMNS_CSV, tempDir } from '../functions/cost/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs `npm run cost -- <args>` the way the script does (tsx tools/cost.ts). */
function cost(...args: string[]) {
  return spawnSync(TSX, [path.join(ROOT, 'tools', 'cost.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

const BOTH = ['--input', AWS_CSV, `--input=${ALIBABA_CSV_GZ}`];

describe('npm run cost -- report', () => {
  it('writes a JSON report per currency from several inputs, one of them gzip', () => {
    const run = cost('report', ...BOTH, '--group-by', 'ServiceName', '--granularity', 'month', '--format', 'json', '--budget', 'USD=30,CNY=500');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { reports } = JSON.parse(run.stdout);
    expect(reports.map((r: { currency: string; totals: unknown }) => [r.currency, r.totals])).toEqual([
      ['CNY', { BilledCost: '32.455', EffectiveCost: '29.975' }],
      ['EUR', { BilledCost: '5.5', EffectiveCost: '5.5' }],
      ['USD', { BilledCost: '299.0500166767', EffectiveCost: '8.7274360315' }],
    ]);
    expect(reports[2].budget).toMatchObject({ amount: '30', status: 'forecast_over' });
  });

  it('writes CSV to --out, one line per currency, group and period, the same bytes on every run', () => {
    const dir = tempDir('cli');
    const args = ['report', ...BOTH, '--group-by', 'ServiceName', '--granularity', 'month', '--format', 'csv', '--from', '2024-03-01', '--to', '2024-04-01'];
    expect(cost(...args, '--out', path.join(dir, 'a.csv')).status).toBe(0);
    expect(cost(...args, '--out', path.join(dir, 'b.csv')).status).toBe(0);
    const csv = readFileSync(path.join(dir, 'a.csv'), 'utf8');
    expect(readFileSync(path.join(dir, 'b.csv'), 'utf8')).toBe(csv);
    expect(csv).toBe(
      [
        'BillingCurrency,ServiceName,PeriodStart,PeriodEnd,BilledCost,EffectiveCost',
        'CNY,Elastic Compute Service,2024-03-01,2024-04-01,24.68,22.2',
        'CNY,Object Storage Service,2024-03-01,2024-04-01,7.775,7.775',
        'EUR,Amazon EC2,2024-03-01,2024-04-01,5.5,5.5',
        'USD,Amazon EC2,2024-03-01,2024-04-01,-0.95,8.7274193548',
        'USD,AWS Lambda,2024-03-01,2024-04-01,0.0000166667,0.0000166667',
        'USD,Amazon S3,2024-03-01,2024-04-01,0.00000001,0.00000001',
        'USD,Savings Plans for AWS Compute usage,2024-03-01,2024-04-01,300,0',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['an unknown format', ['report', '--input', AWS_CSV, '--granularity', 'month', '--format', 'xml'], '--format must be one of json, csv, html'],
    ['html, not available yet', ['report', '--input', AWS_CSV, '--granularity', 'month', '--format', 'html'], '--format html is not available yet; use json or csv'],
    ['no input', ['report', '--granularity', 'month', '--format', 'json'], '--input is required'],
    ['an unknown granularity', ['report', '--input', AWS_CSV, '--granularity', 'hour', '--format', 'json'], '--granularity must be one of day, week, month'],
    ['an unknown group-by column', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--group-by', 'Cost'], '--group-by: cannot group by "Cost"'],
    ['three group-by columns', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--group-by', 'RegionId,ServiceName,SubAccountId'], '--group-by takes at most 2 columns'],
    ['an impossible date', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--from', '2024-02-30'], '--from: "2024-02-30" is not a date (YYYY-MM-DD)'],
    ['a budget with a thousands separator', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--budget', '1,000'], '--budget: "1,000" is not a decimal number'],
    ['a budget without currency over two currencies', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--budget', '1000'], 'a budget without a currency is ambiguous: the input bills in EUR, USD'],
    ['an unknown command', ['summary', '--input', AWS_CSV], 'unknown command summary (expected report)'],
  ])('exits 2 with one line for a usage error: %s', (_case, args, message) => {
    const run = cost(...args);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('exits 1 naming file:line:column for a bad cell, and writes no output file', () => {
    const out = path.join(tempDir('cli'), 'report.json');
    const run = cost('report', '--input', AWS_CSV, '--input', BAD_NUMBER_CSV, '--granularity', 'day', '--format', 'json', '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^${BAD_NUMBER_CSV.replace(/[.\\/]/g, '\\$&')}:3:EffectiveCost: "1,5" is not a decimal number[^\\n]*\\n$`));
    expect(existsSync(out)).toBe(false);
  });

  it('exits 1 naming the file and the missing columns', () => {
    const run = cost('report', '--input', MISSING_COLUMNS_CSV, '--granularity', 'day', '--format', 'csv');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`${MISSING_COLUMNS_CSV}:1: missing required FOCUS column(s): EffectiveCost, ChargePeriodEnd\n`);
  });
});
