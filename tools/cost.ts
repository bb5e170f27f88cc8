/**
 * `npm run -s cost -- report --input <file> [--input <file> ...] [--group-by <col>[,<col>]]
 *   --granularity day|week|month [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--budget <amount>|<CUR>=<amount>,...]
 *   [--anomaly-floor <amount>] [--currency <CUR> --rate <CUR>=<rate> ...] --format json|csv|html [--title <text>] [--out <file>]`
 *
 * Reads FOCUS exports (CSV, plain or gzip, or Parquet) and writes a cost report per billing
 * currency, or one report in `--currency` with the other currencies converted at the `--rate`s given. `--from` is
 * inclusive and `--to` exclusive (as in Cost Explorer): `--from 2024-03-01 --to 2024-04-01` is March.
 * The HTML page is self-contained; its "generated" time is now, or `SOURCE_DATE_EPOCH` (seconds) when
 * set, so a rebuild of the same report gives the same bytes.
 * Exit 0 on success, 2 on a usage error, 1 on unusable input (`file:line:column: rule`).
 */
import { writeFile } from 'node:fs/promises';
import { aggregate, MAX_GROUP_COLUMNS, type AggregateOptions } from '../functions/cost/aggregate';
import { checkConversion, convertCurrency, type CurrencyConversion } from '../functions/cost/currency';
import { DecimalFormatError, parseDecimal, type Decimal } from '../functions/cost/decimal';
import { CostInputError } from '../functions/cost/errors';
import { parseGroupColumn, type GroupColumn } from '../functions/cost/focus';
import { GRANULARITIES, parseDay, type Granularity } from '../functions/cost/periods';
import { readFocusFiles } from '../functions/cost/read-focus';
import { renderCsv } from '../functions/cost/render-csv';
import { renderCostHtml } from '../functions/cost/render-html';
import { parseArgs, UsageError } from './cli-args';

const USAGE =
  'usage: npm run -s cost -- report --input <file> [--input <file> ...] [--group-by <col>[,<col>]] --granularity day|week|month ' +
  '[--from YYYY-MM-DD] [--to YYYY-MM-DD (exclusive)] [--budget <amount>|<CUR>=<amount>[,...]] [--anomaly-floor <amount>] [--currency <CUR> --rate <CUR>=<CUR per it> ...] --format json|csv|html [--title <text> (html)] [--out <file>]';
const FORMATS = ['json', 'csv', 'html'] as const;

/** `--input` may repeat; the shared parser keeps one value per option, so inputs are taken out first. */
function takeRepeated(argv: readonly string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      values.push(value);
    } else if (argv[i].startsWith(`--${name}=`)) {
      values.push(argv[i].slice(name.length + 3));
    } else {
      rest.push(argv[i]);
    }
  }
  return { values, rest };
}

function amountOption(name: string, text: string): Decimal {
  try {
    return parseDecimal(text);
  } catch (error) {
    if (error instanceof DecimalFormatError) throw new UsageError(`--${name}: ${error.message}`);
    throw error;
  }
}

function budgetOption(text: string): AggregateOptions['budget'] {
  if (!text.includes('=')) return amountOption('budget', text);
  const byCurrency: Record<string, Decimal> = {};
  for (const item of text.split(',')) {
    const [currency, amount = ''] = item.split('=', 2);
    if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--budget: ${JSON.stringify(currency)} is not an ISO 4217 currency code (e.g. USD=1000,CNY=7000)`);
    byCurrency[currency] = amountOption('budget', amount);
  }
  return byCurrency;
}

function dayOption(name: string, text: string | true | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  const day = parseDay(text);
  if (day === undefined) throw new UsageError(`--${name}: ${JSON.stringify(text)} is not a date (YYYY-MM-DD)`);
  return day;
}

/** `--currency` and its `--rate CUR=<amount>` options; undefined when no report currency is asked for. */
function conversionOption(currency: string | true | undefined, rates: readonly string[]): CurrencyConversion | undefined {
  if (typeof currency !== 'string') {
    if (rates.length) throw new UsageError('--rate needs --currency: the currency the rates convert into');
    return undefined;
  }
  const byCurrency: Record<string, Decimal> = {};
  for (const item of rates) {
    const [code, rate = ''] = item.split('=', 2);
    if (code in byCurrency) throw new UsageError(`--rate: ${code} is given twice`);
    byCurrency[code] = amountOption('rate', rate);
  }
  const conversion = { currency, rates: byCurrency };
  try {
    checkConversion(conversion);
  } catch (error) {
    throw new UsageError(`--currency/--rate: ${(error as Error).message}`);
  }
  return conversion;
}

/** Now, or `SOURCE_DATE_EPOCH` (the reproducible-builds convention) when set, as ISO 8601. */
function generatedAt(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined) return new Date().toISOString();
  if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got ${JSON.stringify(epoch)}`);
  return new Date(Number(epoch) * 1000).toISOString();
}

async function main(): Promise<number> {
  const { values: inputs, rest: afterInputs } = takeRepeated(process.argv.slice(2), 'input');
  const { values: rates, rest } = takeRepeated(afterInputs, 'rate');
  const { options, positional } = parseArgs(rest, {
    values: ['group-by', 'granularity', 'from', 'to', 'budget', 'anomaly-floor', 'currency', 'format', 'title', 'out'],
    flags: ['help'],
  });
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positional[0] !== 'report') throw new UsageError(positional.length ? `unknown command ${positional[0]} (expected report)` : 'missing command (expected report)');
  if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
  if (!inputs.length) throw new UsageError('--input is required');
  const format = options.format;
  if (!(FORMATS as readonly unknown[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const granularity = options.granularity;
  if (!(GRANULARITIES as readonly unknown[]).includes(granularity)) throw new UsageError(`--granularity must be one of ${GRANULARITIES.join(', ')}`);
  let groupBy: GroupColumn[] = [];
  if (typeof options['group-by'] === 'string') {
    const items = options['group-by'].split(',').map((item) => item.trim());
    if (items.length > MAX_GROUP_COLUMNS) throw new UsageError(`--group-by takes at most ${MAX_GROUP_COLUMNS} columns`);
    try {
      groupBy = items.map(parseGroupColumn);
    } catch (error) {
      throw new UsageError(`--group-by: ${(error as Error).message}`);
    }
  }
  const aggregateOptions: AggregateOptions = {
    groupBy,
    granularity: granularity as Granularity,
    from: dayOption('from', options.from),
    to: dayOption('to', options.to),
    budget: typeof options.budget === 'string' ? budgetOption(options.budget) : undefined,
    anomalyFloor: typeof options['anomaly-floor'] === 'string' ? amountOption('anomaly-floor', options['anomaly-floor']) : undefined,
  };
  const generated = format === 'html' ? generatedAt() : '';
  const conversion = conversionOption(options.currency, rates);
  let report;
  try {
    const rows = readFocusFiles(inputs);
    report = await aggregate(conversion ? convertCurrency(rows, conversion) : rows, aggregateOptions);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const text =
    format === 'csv'
      ? renderCsv(report, groupBy)
      : format === 'html'
        ? renderCostHtml(report, {
            title: typeof options.title === 'string' ? options.title : 'Cost report',
            generatedAt: generated,
            sources: inputs,
            from: typeof options.from === 'string' ? options.from : undefined,
            to: typeof options.to === 'string' ? options.to : undefined,
            groupBy,
            granularity: granularity as Granularity,
          })
        : `${JSON.stringify(report, null, 2)}\n`;
  if (typeof options.out === 'string') await writeFile(options.out, text);
  else process.stdout.write(text);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    const usage = error instanceof UsageError;
    const message = usage || error instanceof CostInputError ? error.message : `cost report failed: ${error.message}`;
    process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
