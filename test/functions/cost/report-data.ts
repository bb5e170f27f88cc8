/**
 * A generated FOCUS bill for the report tests: six ISO weeks (2024-W09 to 2024-W14, Monday
 * 2024-02-26 to Sunday 2024-04-07) of AWS (USD) and Alibaba Cloud (CNY) charges, with amounts at
 * many decimal places, a credit, a commitment purchase whose BilledCost and EffectiveCost differ,
 * tags, and a spike. Its expected totals are summed here independently of the code under test.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FakeBillLine } from '../../fakes/bss-server';
import type { FakeCostLine } from '../../fakes/cost-explorer-server';
import { tempDir } from './fixtures';

/** One bill line, every amount as decimal text. */
export interface BillLine {
  readonly BilledCost: string;
  readonly EffectiveCost: string;
  readonly BillingCurrency: 'USD' | 'CNY';
  /** `YYYY-MM-DD`: the charge covers this UTC day. */
  readonly day: string;
  readonly ChargeCategory: string;
  readonly ServiceName: string;
  readonly ProviderName: string;
  readonly RegionId: string;
  readonly SubAccountId: string;
  readonly env: string;
}

const FIRST_DAY = Date.UTC(2024, 1, 26);
const DAYS = 42;
const DAY_MS = 86_400_000;

function dayText(index: number): string {
  return new Date(FIRST_DAY + index * DAY_MS).toISOString().slice(0, 10);
}

/** Six weeks of lines, deterministic. */
export function billLines(): BillLine[] {
  const lines: BillLine[] = [];
  for (let i = 0; i < DAYS; i++) {
    const day = dayText(i);
    const aws = { BillingCurrency: 'USD', day, ChargeCategory: 'Usage', ProviderName: 'AWS', SubAccountId: '111122223333' } as const;
    const ali = { BillingCurrency: 'CNY', day, ChargeCategory: 'Usage', ProviderName: 'Alibaba Cloud', SubAccountId: '5678901234' } as const;
    const ec2 = day === '2024-03-20' ? '250.5' : `12.${String(3456789 + i * 1111).padStart(7, '0')}`;
    lines.push({ ...aws, ServiceName: 'Amazon EC2', RegionId: 'us-east-1', env: 'prod', BilledCost: ec2, EffectiveCost: ec2 });
    lines.push({ ...aws, ServiceName: 'AWS Lambda', RegionId: 'us-east-1', env: 'prod', BilledCost: '0.0000166667', EffectiveCost: '0.0000166667' });
    lines.push({ ...aws, ServiceName: 'Amazon S3', RegionId: 'eu-west-1', env: i % 2 ? 'dev' : 'prod', BilledCost: `0.${'0'.repeat(7)}${i + 1}`, EffectiveCost: `0.${'0'.repeat(7)}${i + 1}` });
    lines.push({ ...ali, ServiceName: 'Elastic Compute Service', RegionId: 'cn-hangzhou', env: 'prod', BilledCost: '88.08', EffectiveCost: '79.272' });
    lines.push({ ...ali, ServiceName: 'Object Storage Service', RegionId: 'cn-shanghai', env: 'dev', BilledCost: `1.${2345 + i}`, EffectiveCost: `1.${2345 + i}` });
  }
  const aws = { BillingCurrency: 'USD', ProviderName: 'AWS', SubAccountId: '111122223333', RegionId: 'us-east-1', env: 'prod' } as const;
  lines.push({ ...aws, day: '2024-03-15', ChargeCategory: 'Credit', ServiceName: 'Amazon EC2', BilledCost: '-5.5', EffectiveCost: '-5.5' });
  lines.push({ ...aws, day: '2024-03-01', ChargeCategory: 'Purchase', ServiceName: 'Savings Plans for AWS Compute usage', BilledCost: '300', EffectiveCost: '0' });
  return lines;
}

const HEADER = ['BilledCost', 'EffectiveCost', 'ListCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd', 'ChargeCategory', 'ServiceName', 'ServiceCategory', 'ProviderName', 'RegionId', 'SubAccountId', 'ResourceId', 'Tags'];

/** The lines as FOCUS CSV text. */
export function focusCsv(lines: readonly BillLine[]): string {
  const records = lines.map((line) => {
    const start = `${line.day}T00:00:00Z`;
    const end = new Date(Date.parse(start) + DAY_MS).toISOString().replace('.000Z', 'Z');
    const tags = `"{""env"":""${line.env}""}"`;
    return [line.BilledCost, line.EffectiveCost, '', line.BillingCurrency, start, end, line.ChargeCategory, line.ServiceName, '', line.ProviderName, line.RegionId, line.SubAccountId, '', tags].join(',');
  });
  return [HEADER.join(','), ...records, ''].join('\n');
}

/** Writes the bill as two FOCUS files, one per provider, the Alibaba one gzip-compressed; returns their paths. */
export function writeBillFiles(lines: readonly BillLine[] = billLines()): string[] {
  const dir = tempDir('bill');
  const awsFile = path.join(dir, 'aws-focus.csv');
  const alibabaFile = path.join(dir, 'alibaba-focus.csv.gz');
  writeFileSync(awsFile, focusCsv(lines.filter((line) => line.ProviderName === 'AWS')));
  writeFileSync(alibabaFile, gzipSync(focusCsv(lines.filter((line) => line.ProviderName !== 'AWS'))));
  return [awsFile, alibabaFile];
}

/** Sums decimal texts exactly (at 10 decimal places, enough for every amount above) and prints the sum trimmed. */
export function sumText(amounts: readonly string[]): string {
  const SCALE = 10;
  let units = 0n;
  for (const amount of amounts) {
    const negative = amount.startsWith('-');
    const [whole, fraction = ''] = amount.replace('-', '').split('.');
    const value = BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0'));
    units += negative ? -value : value;
  }
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const fraction = (magnitude % 10n ** BigInt(SCALE)).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${magnitude / 10n ** BigInt(SCALE)}${fraction ? `.${fraction}` : ''}`;
}

/** Totals per currency of the lines whose day is in `[from, to)` (dates as `YYYY-MM-DD`). */
export function expectedTotals(lines: readonly BillLine[], from: string, to: string): Record<string, { BilledCost: string; EffectiveCost: string }> {
  const kept = lines.filter((line) => line.day >= from && line.day < to);
  const currencies = [...new Set(kept.map((line) => line.BillingCurrency))].sort();
  return Object.fromEntries(
    currencies.map((currency) => {
      const of = kept.filter((line) => line.BillingCurrency === currency);
      return [currency, { BilledCost: sumText(of.map((line) => line.BilledCost)), EffectiveCost: sumText(of.map((line) => line.EffectiveCost)) }];
    }),
  );
}

/** Cost Explorer RECORD_TYPE of each FOCUS ChargeCategory used above. */
const RECORD_TYPE: Readonly<Record<string, string>> = { Usage: 'Usage', Credit: 'Credit', Purchase: 'SavingsPlanUpfrontFee' };

/** The AWS lines as the Cost Explorer fake's bill: the same days, services, regions and amounts. */
export function costExplorerBill(lines: readonly BillLine[]): FakeCostLine[] {
  return lines
    .filter((line) => line.ProviderName === 'AWS')
    .map((line) => ({
      day: line.day,
      service: line.ServiceName,
      account: line.SubAccountId,
      region: line.RegionId,
      recordType: RECORD_TYPE[line.ChargeCategory],
      tags: { env: line.env },
      unblended: line.BilledCost,
      amortized: line.EffectiveCost,
    }));
}

/** The Alibaba lines as the BSS fake's instance bill (instance bills are not amortised: one amount). */
export function bssBill(lines: readonly BillLine[]): FakeBillLine[] {
  return lines
    .filter((line) => line.ProviderName === 'Alibaba Cloud')
    .map((line) => ({
      BillingDate: line.day,
      ProductCode: line.ServiceName === 'Elastic Compute Service' ? 'ecs' : 'oss',
      ProductName: line.ServiceName,
      PretaxAmount: line.BilledCost,
      Currency: line.BillingCurrency,
      Region: line.RegionId,
      OwnerID: line.SubAccountId,
      Tag: `key:env value:${line.env}`,
    }));
}
