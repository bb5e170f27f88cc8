import { aggregate } from '../../../functions/cost/aggregate';
import { checkConversion, convertCurrency } from '../../../functions/cost/currency';
import { formatDecimal, parseDecimal } from '../../../functions/cost/decimal';
import { CostInputError } from '../../../functions/cost/errors';
import { readFocusFiles } from '../../../functions/cost/read-focus';
import { ALIBABA_CSV_GZ, AWS_CSV, errorOf } from './fixtures';

const rates = { EUR: parseDecimal('1.08'), CNY: parseDecimal('0.1385') };

describe('convertCurrency', () => {
  it('turns a multi-currency input into one report whose totals are each currency converted at its rate', async () => {
    const report = await aggregate(convertCurrency(readFocusFiles([AWS_CSV, ALIBABA_CSV_GZ]), { currency: 'USD', rates }), {
      granularity: 'month',
      groupBy: ['x_SourceCurrency'],
    });
    expect(report.reports.map((r) => r.currency)).toEqual(['USD']);
    // USD rows as billed: 0.1 + 0.2 + 0.00000001 + 300 + 0 + 0.0000166667 − 1.25
    // EUR row 5.5 × 1.08; CNY rows (12.34 + 12.34 + 0.005 + 7.77) × 0.1385, converted row by row.
    const groups = Object.fromEntries(report.reports[0].groups.map((g) => [g.key.x_SourceCurrency ?? 'USD', g.BilledCost]));
    expect(groups).toEqual({ USD: '299.0500166767', EUR: '5.94', CNY: '4.4950175' });
    expect(report.reports[0].totals.BilledCost).toBe('309.4850341767');
  });

  it('rounds a conversion half to even at the 18th fractional digit, and only there', async () => {
    const row = await readFirst(AWS_CSV);
    const inEuro = ['0.000000000000000001', '0.000000000000000003', '0.25'].map((text) => ({ ...row, BillingCurrency: 'EUR', BilledCost: parseDecimal(text) }));
    const converted = [];
    for await (const r of convertCurrency(inEuro, { currency: 'USD', rates: { EUR: parseDecimal('0.5') } })) converted.push(formatDecimal(r.BilledCost));
    // 0.5e-18 rounds to the even 0, 1.5e-18 to the even 2e-18; 0.125 needs no rounding.
    expect(converted).toEqual(['0', '0.000000000000000002', '0.125']);
  });

  it('stops at the first row billed in a currency without a rate, naming file, line and column', async () => {
    const error = await errorOf(() => aggregate(convertCurrency(readFocusFiles([AWS_CSV]), { currency: 'USD', rates: {} }), { granularity: 'day' }));
    expect(error).toBeInstanceOf(CostInputError);
    expect(error.message).toBe(`${AWS_CSV}:8:BillingCurrency: billed in EUR, but the report is in USD and no rate was given for EUR (add EUR=<USD per EUR> to the rates)`);
  });

  it('refuses rates that cannot be right, naming the currency', () => {
    expect(() => checkConversion({ currency: 'usd', rates: {} })).toThrow('currency "usd" is not an ISO 4217 code');
    expect(() => checkConversion({ currency: 'USD', rates: { USD: parseDecimal('1') } })).toThrow('rate for USD: it is the report currency');
    expect(() => checkConversion({ currency: 'USD', rates: { CNY: parseDecimal('0') } })).toThrow('rate for CNY: must be greater than 0');
    expect(() => checkConversion({ currency: 'USD', rates: { Yuan: parseDecimal('0.1') } })).toThrow('rate for "Yuan": not an ISO 4217 code');
  });
});

async function readFirst(file: string) {
  for await (const row of readFocusFiles([file])) return row;
  throw new Error(`${file} has no rows`);
}
