import { renderCsv } from '../../../functions/cost/render-csv';

describe('renderCsv', () => {
  it('quotes cells holding commas, quotes, line breaks or edge spaces, and leaves a missing key value empty', () => {
    const period = { start: '2024-03-01', end: '2024-04-01', BilledCost: '1', EffectiveCost: '0.5' };
    const csv = renderCsv(
      {
        reports: [
          {
            currency: 'USD',
            groups: [
              { key: { ServiceName: 'Compute, "fast"', 'tag:env': null }, BilledCost: '1', EffectiveCost: '0.5', periods: [period] },
              { key: { ServiceName: ' padded', 'tag:env': 'a\nb' }, BilledCost: '1', EffectiveCost: '0.5', periods: [period] },
            ],
            totals: { BilledCost: '2', EffectiveCost: '1' },
            budget: null,
            anomalies: [],
            movers: null,
          },
        ],
      },
      ['ServiceName', 'tag:env'],
    );
    expect(csv).toBe(
      'BillingCurrency,ServiceName,tag:env,PeriodStart,PeriodEnd,BilledCost,EffectiveCost\n' +
        'USD,"Compute, ""fast""",,2024-03-01,2024-04-01,1,0.5\n' +
        'USD," padded","a\nb",2024-03-01,2024-04-01,1,0.5\n',
    );
  });

  it('writes the header alone for an empty report', () => {
    expect(renderCsv({ reports: [] }, ['RegionId'])).toBe('BillingCurrency,RegionId,PeriodStart,PeriodEnd,BilledCost,EffectiveCost\n');
  });
});
