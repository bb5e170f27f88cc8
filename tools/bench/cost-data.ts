/**
 * A generated FOCUS 1.2 CSV export for the cost benchmark: what a mid-size organisation's monthly
 * exports look like, concatenated (hourly line items for a quarter, ~4,000 resources over AWS and
 * Alibaba accounts, USD dominant with some EUR and CNY, JSON tags, a few quoted descriptions holding
 * commas, tiny amounts in scientific notation as AWS writes them, credits). Deterministic: the same
 * seed and row count give the same bytes, so the file is generated once and reused from the temp
 * directory.
 */
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Columns of the generated file, in order: FOCUS 1.2 names plus one provider column (`x_UsageType`). */
export const BENCH_FOCUS_COLUMNS = [
  'BillingAccountId',
  'BillingAccountName',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeDescription',
  'ChargeFrequency',
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'BillingCurrency',
  'ConsumedQuantity',
  'ConsumedUnit',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'RegionId',
  'RegionName',
  'ServiceName',
  'ServiceCategory',
  'SubAccountId',
  'SubAccountName',
  'ResourceId',
  'ResourceType',
  'SkuId',
  'Tags',
  'x_UsageType',
] as const;

/** A generated file on disk. */
export interface BenchFocusFile {
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
}

/** Bump when the generated content changes, so a stale cached file is not reused. */
const GENERATOR_VERSION = 1;
const SEED = 20_240_101;
const FIRST_HOUR = Date.UTC(2024, 0, 1);
const HOURS = 91 * 24; // 2024-01-01 to 2024-03-31, hourly
const RESOURCES = 4_000;

/** mulberry32: a small, fast, seeded generator; plenty for synthetic data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Account {
  readonly provider: 'AWS' | 'Alibaba Cloud';
  readonly billingAccountId: string;
  readonly billingAccountName: string;
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly regions: readonly (readonly [id: string, name: string])[];
}

interface Service {
  readonly name: string;
  readonly category: string;
  readonly resourceType: string;
  readonly unit: string;
  /** Price per unit in 10^-10 of the currency. */
  readonly priceUnits: readonly number[];
  /** Largest quantity a line carries. */
  readonly maxQuantity: number;
  readonly usageType: string;
  /** Billed per hour (instances) or per day (storage). */
  readonly daily: boolean;
  readonly describe: (price: string) => string;
}

const AWS_REGIONS = [
  ['us-east-1', 'US East (N. Virginia)'],
  ['us-west-2', 'US West (Oregon)'],
  ['eu-west-1', 'Europe (Ireland)'],
] as const;
const EU_REGIONS = [
  ['eu-central-1', 'Europe (Frankfurt)'],
  ['eu-west-3', 'Europe (Paris)'],
] as const;
const ALIBABA_REGIONS = [
  ['cn-hangzhou', 'China (Hangzhou)'],
  ['cn-shanghai', 'China (Shanghai)'],
] as const;

const ACCOUNTS: readonly Account[] = [
  ...['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'].map((id, i) => ({
    provider: 'AWS' as const,
    billingAccountId: '999999999999',
    billingAccountName: 'Example Corp',
    id,
    name: ['payments-prod', 'payments-dev', 'data-platform', 'web-prod', 'shared-services'][i],
    currency: 'USD',
    regions: AWS_REGIONS,
  })),
  { provider: 'AWS', billingAccountId: '888888888888', billingAccountName: 'Example Europe GmbH', id: '666666666666', name: 'eu-retail', currency: 'EUR', regions: EU_REGIONS },
  { provider: 'Alibaba Cloud', billingAccountId: '1234567890123456', billingAccountName: 'Example China Ltd', id: '1234567890123457', name: 'cn-web', currency: 'CNY', regions: ALIBABA_REGIONS },
];

const AWS_SERVICES: readonly Service[] = [
  { name: 'Amazon Elastic Compute Cloud', category: 'Compute', resourceType: 'Instance', unit: 'Hours', priceUnits: [832_000_000, 1_664_000_000, 384_000_000], maxQuantity: 1, usageType: 'BoxUsage:m7g.large', daily: false, describe: (p) => `$${p} per On Demand Linux m7g.large Instance Hour` },
  { name: 'Amazon Simple Storage Service', category: 'Storage', resourceType: 'Bucket', unit: 'GB-Mo', priceUnits: [7_419_355], maxQuantity: 5_000, usageType: 'TimedStorage-ByteHrs', daily: true, describe: (p) => `$${p} per GB-Mo for storage used, first 50 TB / month` },
  { name: 'Amazon Relational Database Service', category: 'Databases', resourceType: 'DBInstance', unit: 'Hours', priceUnits: [1_780_000_000, 3_560_000_000], maxQuantity: 1, usageType: 'InstanceUsage:db.r6g.large', daily: false, describe: (p) => `$${p} per RDS db.r6g.large Multi-AZ instance hour (or partial hour) running PostgreSQL` },
  { name: 'AWS Lambda', category: 'Compute', resourceType: 'Function', unit: 'Lambda-GB-Second', priceUnits: [166_667], maxQuantity: 40_000, usageType: 'Lambda-GB-Second-ARM', daily: false, describe: (p) => `AWS Lambda - Total Compute - $${p} per GB-second` },
  { name: 'Amazon DynamoDB', category: 'Databases', resourceType: 'Table', unit: 'WriteRequestUnits', priceUnits: [12_500], maxQuantity: 90_000, usageType: 'WriteRequestUnits', daily: false, describe: (p) => `$${p} per write request unit` },
  { name: 'Amazon CloudFront', category: 'Networking', resourceType: 'Distribution', unit: 'GB', priceUnits: [850_000_000], maxQuantity: 40, usageType: 'DataTransfer-Out-Bytes', daily: false, describe: (p) => `$${p} per GB - first 10 TB / month data transfer out` },
  { name: 'Elastic Load Balancing', category: 'Networking', resourceType: 'LoadBalancer', unit: 'Hours', priceUnits: [225_000_000], maxQuantity: 1, usageType: 'LoadBalancerUsage', daily: false, describe: (p) => `$${p} per Application LoadBalancer-hour (or partial hour)` },
  { name: 'Amazon CloudWatch', category: 'Management and Governance', resourceType: 'LogGroup', unit: 'GB', priceUnits: [5_000_000_000], maxQuantity: 3, usageType: 'DataProcessing-Bytes', daily: false, describe: (p) => `$${p} per GB logs data ingested` },
  { name: 'Amazon Elastic Kubernetes Service', category: 'Compute', resourceType: 'Cluster', unit: 'Hours', priceUnits: [1_000_000_000], maxQuantity: 1, usageType: 'AmazonEKS-Hours:perCluster', daily: false, describe: (p) => `$${p} per hour per EKS cluster` },
  { name: 'Amazon Virtual Private Cloud', category: 'Networking', resourceType: 'NatGateway', unit: 'Hours', priceUnits: [450_000_000], maxQuantity: 1, usageType: 'NatGateway-Hours', daily: false, describe: (p) => `$${p} per NAT Gateway Hour` },
];

const ALIBABA_SERVICES: readonly Service[] = [
  { name: 'Elastic Compute Service', category: 'Compute', resourceType: 'Instance', unit: 'Hours', priceUnits: [5_140_000_000, 10_280_000_000], maxQuantity: 1, usageType: 'ecs.g7.large', daily: false, describe: (p) => `CNY ${p} per ecs.g7.large instance hour, pay-as-you-go` },
  { name: 'Object Storage Service', category: 'Storage', resourceType: 'Bucket', unit: 'GB', priceUnits: [40_000_000], maxQuantity: 8_000, usageType: 'Storage-Standard', daily: true, describe: (p) => `CNY ${p} per GB per day, Standard LRS` },
  { name: 'ApsaraDB RDS', category: 'Databases', resourceType: 'DBInstance', unit: 'Hours', priceUnits: [8_800_000_000], maxQuantity: 1, usageType: 'rds.mysql.s3.large', daily: false, describe: (p) => `CNY ${p} per rds.mysql.s3.large hour` },
  { name: 'Server Load Balancer', category: 'Networking', resourceType: 'LoadBalancer', unit: 'Hours', priceUnits: [200_000_000], maxQuantity: 1, usageType: 'slb.s2.small', daily: false, describe: (p) => `CNY ${p} per slb.s2.small instance hour` },
  { name: 'Function Compute', category: 'Compute', resourceType: 'Function', unit: 'CU', priceUnits: [130_000], maxQuantity: 60_000, usageType: 'ActiveCU', daily: false, describe: (p) => `CNY ${p} per CU, active instances` },
];

const TEAMS = ['payments', 'checkout', 'search', 'data', 'platform', 'web', 'mobile', 'ml'];
const ENVIRONMENTS = ['prod', 'prod', 'prod', 'staging', 'dev'];

interface Resource {
  readonly account: Account;
  readonly region: readonly [string, string];
  readonly service: Service;
  readonly id: string;
  readonly skuId: string;
  readonly priceUnits: number;
  readonly description: string;
  readonly tags: string;
  /** Share of commitment (Savings Plan / reserved) coverage: EffectiveCost = BilledCost × this / 10. */
  readonly effectiveTenths: number;
}

/** Formats 10^-10 units as FOCUS amount text, the way exports write it. */
function amountText(units: number): string {
  const negative = units < 0;
  const magnitude = Math.abs(units);
  if (magnitude > 0 && magnitude < 10_000_000) {
    // Below 0.001 exports write scientific notation (Java's Double.toString), e.g. 1.66667E-5.
    const digits = String(magnitude);
    const significant = digits.replace(/0+$/, '');
    const mantissa = significant.length > 1 ? `${significant[0]}.${significant.slice(1)}` : `${significant}.0`;
    return `${negative ? '-' : ''}${mantissa}E-${11 - digits.length}`;
  }
  const text = String(magnitude).padStart(11, '0');
  const fraction = text.slice(-10).replace(/0+$/, '');
  return `${negative ? '-' : ''}${text.slice(0, -10)}${fraction ? `.${fraction}` : ''}`;
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isoHour(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function buildResources(random: () => number): Resource[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const resources: Resource[] = [];
  for (let i = 0; i < RESOURCES; i++) {
    // ~88 % USD, ~5 % EUR, ~7 % CNY resources.
    const draw = random();
    const account = draw < 0.88 ? ACCOUNTS[Math.floor((draw / 0.88) * 5)] : draw < 0.93 ? ACCOUNTS[5] : ACCOUNTS[6];
    const alibaba = account.provider === 'Alibaba Cloud';
    const service = pick(alibaba ? ALIBABA_SERVICES : AWS_SERVICES);
    const region = pick(account.regions);
    const priceUnits = pick(service.priceUnits);
    const serial = i.toString(16).padStart(8, '0');
    const id = alibaba ? `${service.resourceType.toLowerCase()}-bp1${serial}` : `arn:aws:${service.usageType.split(/[-:]/)[0].toLowerCase()}:${region[0]}:${account.id}:${service.resourceType.toLowerCase()}/${serial}`;
    const team = pick(TEAMS);
    const env = pick(ENVIRONMENTS);
    const tagged = random() < 0.85;
    const tags = !tagged ? '' : alibaba ? `env:${env};team:${team}` : JSON.stringify(random() < 0.5 ? { env, team } : { env, team, 'cost-center': String(1000 + Math.floor(random() * 40)) });
    resources.push({
      account,
      region,
      service,
      id,
      skuId: `${service.usageType.replace(/[^A-Za-z0-9]/g, '').slice(0, 10).toUpperCase()}${(priceUnits % 9973).toString(36).toUpperCase()}`,
      priceUnits,
      description: service.describe(amountText(priceUnits)),
      tags,
      effectiveTenths: service.category === 'Compute' && !alibaba && random() < 0.4 ? 7 : 10,
    });
  }
  return resources;
}

function* lines(rows: number): Generator<string> {
  const random = seededRandom(SEED);
  const resources = buildResources(random);
  yield BENCH_FOCUS_COLUMNS.join(',');
  for (let i = 0; i < rows; i++) {
    // Rows come in time order, as exports write them; a few resources are much busier than the rest.
    const hourStart = FIRST_HOUR + Math.floor((i * HOURS) / rows) * 3_600_000;
    const resource = resources[Math.floor(random() ** 2 * resources.length)];
    const { service, account } = resource;
    const start = service.daily ? Math.floor(hourStart / 86_400_000) * 86_400_000 : hourStart;
    const end = start + (service.daily ? 86_400_000 : 3_600_000);
    const month = new Date(start);
    const billingStart = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1);
    const billingEnd = Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1);
    const quantity = service.maxQuantity === 1 ? 1 : 1 + Math.floor(random() * service.maxQuantity);
    const credit = random() < 0.004;
    const category = credit ? 'Credit' : 'Usage';
    const listUnits = resource.priceUnits * quantity;
    const billedUnits = credit ? -Math.floor(listUnits / 2) : listUnits;
    const effectiveUnits = Math.trunc((billedUnits * resource.effectiveTenths) / 10);
    const quantityText = String(quantity);
    yield [
      account.billingAccountId,
      account.billingAccountName,
      isoHour(billingStart),
      isoHour(billingEnd),
      isoHour(start),
      isoHour(end),
      category,
      csvCell(resource.description),
      'Usage-Based',
      amountText(billedUnits),
      amountText(effectiveUnits),
      amountText(listUnits),
      amountText(listUnits),
      account.currency,
      quantityText,
      service.unit,
      quantityText,
      service.unit,
      account.provider,
      resource.region[0],
      resource.region[1],
      service.name,
      service.category,
      account.id,
      account.name,
      resource.id,
      service.resourceType,
      resource.skuId,
      csvCell(resource.tags),
      service.usageType,
    ].join(',');
  }
}

/** Path of the cached file for `rows` rows. */
export function benchFocusFilePath(rows: number): string {
  return path.join(tmpdir(), `twinstack-bench-focus-v${GENERATOR_VERSION}-${rows}.csv`);
}

/** Generates the benchmark's FOCUS CSV of `rows` rows, or reuses the one already in the temp directory. */
export async function benchFocusFile(rows: number): Promise<BenchFocusFile> {
  const file = benchFocusFilePath(rows);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.partial`;
    const out = createWriteStream(partial);
    let batch: string[] = [];
    const flush = async () => {
      if (!out.write(`${batch.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      batch = [];
    };
    for (const line of lines(rows)) {
      batch.push(line);
      if (batch.length === 5_000) await flush();
    }
    if (batch.length) await flush();
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(resolve);
    });
    renameSync(partial, file);
  }
  return { file, rows, bytes: statSync(file).size };
}
