import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALIBABA_CSV_GZ, AWS_CSV, BAD_NUMBER_CSV, FIXTURES, MISSING_COLUMNS_CSV, tempDir } from '../functions/cost/fixtures';
import { readCsvTable, writeParquetTable } from '../functions/cost/parquet-files';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs `npm run cost -- <args>` the way the script does (tsx tools/cost.ts). */
function cost(...args: string[]) {
  return costWithEnv({}, ...args);
}

function costWithEnv(env: Record<string, string>, ...args: string[]) {
  return spawnSync(TSX, [path.join(ROOT, 'tools', 'cost.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

/** USD and CNY rows over three ISO weeks of March 2024, the last one incomplete. */
const WEEKS_CSV = path.join(FIXTURES, 'weeks-2024-03.csv');

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

  it('reads a Parquet export (as AWS Data Exports write it) beside a gzip CSV, to the same totals as its CSV', () => {
    const parquet = writeParquetTable('aws-2024-03.parquet', readCsvTable(AWS_CSV), { amounts: 'double' });
    const args = ['--group-by', 'ServiceName', '--granularity', 'month', '--format', 'json'];
    const run = cost('report', '--input', parquet, '--input', ALIBABA_CSV_GZ, ...args);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(cost('report', ...BOTH, ...args).stdout));
    expect(JSON.parse(run.stdout).reports.map((r: { currency: string; totals: unknown }) => [r.currency, r.totals])).toEqual([
      ['CNY', { BilledCost: '32.455', EffectiveCost: '29.975' }],
      ['EUR', { BilledCost: '5.5', EffectiveCost: '5.5' }],
      ['USD', { BilledCost: '299.0500166767', EffectiveCost: '8.7274360315' }],
    ]);
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

  it('writes the HTML page to --out: a section per currency with its chart, movers and groups, the same bytes on every run', () => {
    const dir = tempDir('cli');
    const args = ['report', '--input', WEEKS_CSV, '--group-by', 'ServiceName', '--granularity', 'week', '--format', 'html', '--title', 'March <costs>', '--from', '2024-03-04', '--to', '2024-03-25'];
    const epoch = { SOURCE_DATE_EPOCH: '1711000000' };
    const first = costWithEnv(epoch, ...args, '--out', path.join(dir, 'a.html'));
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(costWithEnv(epoch, ...args, '--out', path.join(dir, 'b.html')).status).toBe(0);
    const html = readFileSync(path.join(dir, 'a.html'), 'utf8');
    expect(readFileSync(path.join(dir, 'b.html'), 'utf8')).toBe(html);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toContain('<title>March &#60;costs&#62;</title>');
    expect(text).toContain('4 Mar 2024 – 24 Mar 2024 · grouped by ServiceName, per week (UTC)');
    expect(text).toContain(`Sources: ${WEEKS_CSV}`);
    expect(text).toContain('Generated Thu 21 Mar 2024 05:46 UTC');
    expect([...html.matchAll(/<h2 [^>]*>([A-Z]{3})<\/h2>/g)].map((m) => m[1])).toEqual(['CNY', 'USD']);
    expect(text).toContain('EffectiveCost 1,312.62 USD'); // 1312.625, half to even
    expect(html.match(/<g class="bar" data-period="/g)).toHaveLength(5); // CNY 4 + 11 March, USD 4, 11 and 18 March
    expect(text).toContain('Top movers: week of 11 Mar 2024 against week of 4 Mar 2024');
    expect(text).toContain('Amazon EC2 ▲ +1,030.12 +1,030.1% 100.00 1,130.12');
    expect(text).toContain('Amazon Bedrock ▲ +12.50 new 0.00 12.50');
    expect(text).toContain('Needs two complete ISO weeks'); // CNY ends on 12 March
  });

  it('writes the HTML page to stdout without --out', () => {
    const run = cost('report', '--input', AWS_CSV, '--granularity', 'month', '--format', 'html');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^<!DOCTYPE html>[\s\S]*<h1>Cost report<\/h1>[\s\S]*<\/html>\n$/);
  });

  it('converts every currency into --currency at the --rate given, and names the row of a currency without one', () => {
    const converted = cost('report', ...BOTH, '--granularity', 'month', '--format', 'json', '--currency', 'USD', '--rate', 'CNY=0.1385', '--rate', 'EUR=1.08');
    expect(converted.stderr).toBe('');
    const { reports } = JSON.parse(converted.stdout);
    // USD 299.0500166767 as billed + EUR 5.5 × 1.08 + CNY (12.34 + 12.34 + 0.005 + 7.77) × 0.1385
    expect(reports.map((r: { currency: string; totals: { BilledCost: string } }) => [r.currency, r.totals.BilledCost])).toEqual([['USD', '309.4850341767']]);

    const missing = cost('report', ...BOTH, '--granularity', 'month', '--format', 'json', '--currency', 'USD', '--rate', 'CNY=0.1385');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`${AWS_CSV}:8:BillingCurrency: billed in EUR, but the report is in USD and no rate was given for EUR (add EUR=<USD per EUR> to the rates)\n`);
    expect(missing.stdout).toBe('');
  });

  it('exits 2 for a SOURCE_DATE_EPOCH that is not whole seconds', () => {
    const run = costWithEnv({ SOURCE_DATE_EPOCH: 'yesterday' }, 'report', '--input', AWS_CSV, '--granularity', 'month', '--format', 'html');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('SOURCE_DATE_EPOCH must be whole seconds since 1970, got "yesterday"\n');
    expect(run.stdout).toBe('');
  });

  it.each([
    ['an unknown format', ['report', '--input', AWS_CSV, '--granularity', 'month', '--format', 'xml'], '--format must be one of json, csv, html'],
    ['no input', ['report', '--granularity', 'month', '--format', 'json'], '--input is required'],
    ['an unknown granularity', ['report', '--input', AWS_CSV, '--granularity', 'hour', '--format', 'json'], '--granularity must be one of day, week, month'],
    ['an unknown group-by column', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--group-by', 'Cost'], '--group-by: cannot group by "Cost"'],
    ['three group-by columns', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--group-by', 'RegionId,ServiceName,SubAccountId'], '--group-by takes at most 2 columns'],
    ['an impossible date', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--from', '2024-02-30'], '--from: "2024-02-30" is not a date (YYYY-MM-DD)'],
    ['a budget with a thousands separator', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--budget', '1,000'], '--budget: "1,000" is not a decimal number'],
    ['a budget without currency over two currencies', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--budget', '1000'], 'a budget without a currency is ambiguous: the input bills in EUR, USD'],
    ['an unknown command', ['summary', '--input', AWS_CSV], 'unknown command summary (expected report)'],
    ['a rate without a report currency', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--rate', 'EUR=1.08'], '--rate needs --currency'],
    ['a rate of zero', ['report', '--input', AWS_CSV, '--granularity', 'day', '--format', 'json', '--currency', 'USD', '--rate', 'EUR=0'], '--currency/--rate: rate for EUR: must be greater than 0'],
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
