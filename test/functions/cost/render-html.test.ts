import { decimalFromUnits, formatDecimal, parseDecimal } from '../../../functions/cost/decimal';
import { formatFixed } from '../../../functions/cost/html-text';
import { renderCostHtml, type CostReportMeta } from '../../../functions/cost/render-html';
import type { CostReport, CurrencyReport, GroupCost, GroupKey, PeriodCost } from '../../../functions/cost/report-model';

const META: CostReportMeta = {
  title: 'Cost report',
  generatedAt: '2024-03-25T06:00:00.000Z',
  sources: ['aws.csv'],
  from: '2024-03-04',
  to: '2024-03-25',
  groupBy: ['ServiceName'],
  granularity: 'week',
};

const sumOf = (amounts: string[]) => formatDecimal(decimalFromUnits(amounts.reduce((sum, text) => sum + parseDecimal(text), 0n)));

function period(start: string, amount: string): PeriodCost {
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  return { start, end, BilledCost: amount, EffectiveCost: amount };
}

/** A group with the given EffectiveCost (= BilledCost) per week; its total is their exact sum. */
function group(key: GroupKey, amounts: Record<string, string>): GroupCost {
  const periods = Object.entries(amounts).map(([start, amount]) => period(start, amount));
  const text = sumOf(periods.map((p) => p.EffectiveCost));
  return { key, BilledCost: text, EffectiveCost: text, periods };
}

function currency(code: string, groups: GroupCost[], extra: Partial<CurrencyReport> = {}): CurrencyReport {
  const text = sumOf(groups.map((g) => g.EffectiveCost));
  return { currency: code, groups, totals: { BilledCost: text, EffectiveCost: text }, budget: null, anomalies: [], movers: null, ...extra };
}

/** The HTML of the section for one currency. */
function sectionOf(html: string, code: string): string {
  const match = new RegExp(`<section class="currency"[^>]*>\\s*<h2[^>]*>${code}</h2>[\\s\\S]*?</section>`).exec(html);
  if (!match) throw new Error(`no section for ${code}`);
  return match[0];
}

/** Bars of the stacked chart: period, the bar's total title, and each segment's title. */
function bars(section: string) {
  return [...section.matchAll(/<g class="bar" data-period="([^"]+)"><title>([^<]*)<\/title>(.*?)<\/g>/g)].map(([, start, total, inner]) => ({
    start,
    total,
    segments: [...inner.matchAll(/<rect [^>]*><title>([^<]*)<\/title><\/rect>/g)].map((m) => m[1]),
  }));
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('renderCostHtml', () => {
  const report: CostReport = {
    reports: [
      currency('CNY', [group({ ServiceName: 'ECS' }, { '2024-03-04': '700', '2024-03-11': '800' })]),
      currency('USD', [
        group({ ServiceName: 'Amazon EC2' }, { '2024-03-04': '1000.005', '2024-03-11': '1200', '2024-03-18': '1234567.891' }),
        group({ ServiceName: 'Amazon S3' }, { '2024-03-04': '50', '2024-03-18': '40.25' }),
        group({ ServiceName: null }, { '2024-03-11': '3' }),
      ]),
    ],
  };

  it('writes one section per currency, in the report order, with totals to the cent and thousands separators', () => {
    const html = renderCostHtml(report, META);
    expect([...html.matchAll(/<section class="currency"[^>]*>\s*<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(['CNY', 'USD']);
    expect(textOf(sectionOf(html, 'CNY'))).toContain('EffectiveCost 1,500.00 CNY');
    // 1000.005 + 1200 + 1234567.891 + 50 + 40.25 + 3 = 1236861.146
    expect(textOf(sectionOf(html, 'USD'))).toContain('EffectiveCost 1,236,861.15 USD');
  });

  it('is a self-contained page: no scripts, no external resources, the same bytes for the same input', () => {
    const html = renderCostHtml(report, META);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(|@import|href="(?!#)/i);
    expect(renderCostHtml(report, META)).toBe(html);
  });

  it('says what was reported: dates (to is exclusive), grouping, sources and when', () => {
    const text = textOf(renderCostHtml(report, { ...META, sources: ['aws.csv', 'alibaba.csv.gz'] }));
    expect(text).toContain('4 Mar 2024 – 24 Mar 2024');
    expect(text).toContain('grouped by ServiceName, per week (UTC)');
    expect(text).toContain('Sources: aws.csv , alibaba.csv.gz');
    expect(text).toContain('Generated Mon 25 Mar 2024 06:00 UTC');
  });

  it('escapes every text taken from the data and the meta', () => {
    const hostile = '<script>alert("x")</script> & \'co\'';
    const html = renderCostHtml(
      {
        reports: [
          currency('USD', [group({ ServiceName: hostile }, { '2024-03-04': '1' })], {
            anomalies: [{ key: { ServiceName: hostile }, day: '2024-03-05', cost: '1', baseline: '0', change: '1' }],
            movers: { week: { start: '2024-03-11', end: '2024-03-18' }, previousWeek: { start: '2024-03-04', end: '2024-03-11' }, groups: [{ key: { ServiceName: hostile }, previous: '1', current: '0', change: '-1', changePercent: '-100' }] },
          }),
        ],
      },
      { ...META, title: hostile, sources: [hostile], groupBy: ['tag:<b>'] },
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;co&#39;');
    // title, heading, source, chart legend and segment, anomalies, movers and group tables
    expect(html.split('&#60;script&#62;').length - 1).toBeGreaterThanOrEqual(8);
  });

  it('draws one bar per period, gaps included, whose segments are the groups amounts in that period', () => {
    const usd = sectionOf(renderCostHtml(report, META), 'USD');
    expect(bars(usd)).toEqual([
      {
        start: '2024-03-04',
        total: 'week of 4 Mar 2024: 1,050.00 USD (exactly 1050.005)',
        segments: ['Amazon EC2, week of 4 Mar 2024: 1,000.00 USD (exactly 1000.005)', 'Amazon S3, week of 4 Mar 2024: 50.00 USD'],
      },
      { start: '2024-03-11', total: 'week of 11 Mar 2024: 1,203.00 USD', segments: ['Amazon EC2, week of 11 Mar 2024: 1,200.00 USD', '(none), week of 11 Mar 2024: 3.00 USD'] },
      {
        start: '2024-03-18',
        total: 'week of 18 Mar 2024: 1,234,608.14 USD (exactly 1234608.141)',
        segments: ['Amazon EC2, week of 18 Mar 2024: 1,234,567.89 USD (exactly 1234567.891)', 'Amazon S3, week of 18 Mar 2024: 40.25 USD'],
      },
    ]);
    const gap = sectionOf(renderCostHtml({ reports: [currency('USD', [group({ ServiceName: 'a' }, { '2024-03-04': '1', '2024-03-25': '2' })])] }, META), 'USD');
    expect(bars(gap).map((bar) => [bar.start, bar.segments.length])).toEqual([
      ['2024-03-04', 1],
      ['2024-03-11', 0],
      ['2024-03-18', 0],
      ['2024-03-25', 1],
    ]);
  });

  it('stacks the 8 largest of 50 groups in their own colours and the other 42 as Other, with a legend', () => {
    const many = Array.from({ length: 50 }, (_, i) => group({ ServiceName: `service-${String(i).padStart(2, '0')}` }, { '2024-03-04': String(100 - i) }));
    const usd = sectionOf(renderCostHtml({ reports: [currency('USD', many)] }, META), 'USD');
    const legend = [.../<ul class="legend"[^>]*>(.*?)<\/ul>/.exec(usd)![1].matchAll(/<li><span class="swatch swatch-(\w+)"><\/span>([^<]*)<\/li>/g)].map((m) => [m[1], m[2]]);
    expect(legend.map(([, label]) => label)).toEqual([...Array.from({ length: 8 }, (_, i) => `service-0${i}`), 'Other (42 groups)']);
    expect(new Set(legend.map(([colour]) => colour)).size).toBe(9);
    // Other = 92 + 91 + … + 51 = 3,003
    expect(bars(usd)[0].segments[8]).toBe('Other (42 groups), week of 4 Mar 2024: 3,003.00 USD');
    expect(usd.match(/<tr><td class="key">service-/g)).toHaveLength(50);
  });

  it('shows a single group as itself, and an ungrouped report as All costs', () => {
    const html = renderCostHtml({ reports: [currency('USD', [group({}, { '2024-03-04': '5' })])] }, { ...META, groupBy: [] });
    expect(textOf(html)).toContain('not grouped');
    expect(bars(html)[0].segments).toEqual(['All costs, week of 4 Mar 2024: 5.00 USD']);
    expect(html).toContain('<td>All costs</td>');
    expect(html).not.toContain('Other (');
  });

  it('draws a credit below the zero line and shows negative amounts with their sign', () => {
    const usd = sectionOf(renderCostHtml({ reports: [currency('USD', [group({ ServiceName: 'EC2' }, { '2024-03-04': '100' }), group({ ServiceName: 'Credits' }, { '2024-03-04': '-45' })])] }, META), 'USD');
    const zeroLine = Number(/<line x1="0" y1="([\d.]+)" x2="100%" y2="[\d.]+" stroke="#9aa5b1"\/>/.exec(usd)![1]);
    const rects = [...usd.matchAll(/<rect x="[^"]+" y="([\d.]+)" width="[^"]+" height="([\d.]+)"[^>]*><title>(\w+),/g)].map((m) => ({ name: m[3], top: Number(m[1]), bottom: Number(m[1]) + Number(m[2]) }));
    expect(rects.find((r) => r.name === 'EC2')!.bottom).toBeCloseTo(zeroLine, 0);
    expect(rects.find((r) => r.name === 'Credits')!.top).toBeCloseTo(zeroLine, 0);
    expect(textOf(usd)).toContain('Credits -45.00 -45.00');
  });

  it('lists the top movers with both weeks, the change and its percent, "new" for a group without a previous week', () => {
    const usd = sectionOf(
      renderCostHtml(
        {
          reports: [
            currency('USD', [group({ ServiceName: 'EC2' }, { '2024-03-04': '1' })], {
              movers: {
                week: { start: '2024-03-11', end: '2024-03-18' },
                previousWeek: { start: '2024-03-04', end: '2024-03-11' },
                groups: [
                  { key: { ServiceName: 'RDS' }, previous: '3500', current: '0', change: '-3500', changePercent: '-100' },
                  { key: { ServiceName: 'Bedrock' }, previous: '0', current: '12.345', change: '12.345', changePercent: null },
                  { key: { ServiceName: null }, previous: '6', current: '16', change: '10', changePercent: '166.67' },
                ],
              },
            }),
          ],
        },
        META,
      ),
      'USD',
    );
    expect(textOf(usd)).toContain('Top movers: week of 11 Mar 2024 against week of 4 Mar 2024');
    expect(textOf(usd)).toContain('EffectiveCost per group, 11 Mar 2024 – 17 Mar 2024 against 4 Mar 2024 – 10 Mar 2024');
    const rows = [.../<table class="movers">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(usd)![1].matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => textOf(m[1]).trim());
    expect(rows).toEqual(['RDS ▼ -3,500.00 -100.0% 3,500.00 0.00', 'Bedrock ▲ +12.34 new 0.00 12.34', '(none) ▲ +10.00 +166.7% 6.00 16.00']);
    expect(usd.match(/<svg class="mover-bar"/g)).toHaveLength(3);
  });

  it('says why there are no movers', () => {
    const usd = sectionOf(renderCostHtml({ reports: [currency('USD', [group({ ServiceName: 'EC2' }, { '2024-03-04': '1' })])] }, META), 'USD');
    expect(textOf(usd)).toContain('Needs two complete ISO weeks (Monday to Sunday, UTC) of data.');
  });

  it('shows the budget with actual, forecast and status, and the anomalies', () => {
    const usd = sectionOf(
      renderCostHtml(
        {
          reports: [
            currency('USD', [group({ ServiceName: 'EC2' }, { '2024-03-04': '100' })], {
              budget: { month: '2024-03', amount: '1000', actual: '600', forecast: '1240', daysElapsed: 15, daysInMonth: 31, status: 'forecast_over' },
              anomalies: [{ key: { ServiceName: 'EC2' }, day: '2024-03-08', cost: '50', baseline: '10', change: '40' }],
            }),
          ],
        },
        META,
      ),
      'USD',
    );
    const text = textOf(usd);
    expect(text).toContain('Budget, Mar 2024');
    expect(text).toContain('Budget 1,000.00 100.0% Actual, 15 of 31 days 600.00 60.0% Forecast at month end (linear) 1,240.00 124.0%');
    expect(text).toContain('Status: Forecast over budget');
    expect(text).toContain('8 Mar 2024 EC2 50.00 10.00 +40.00');
  });

  it('writes a page saying there were no charges for an empty report', () => {
    const html = renderCostHtml({ reports: [] }, META);
    expect(textOf(html)).toContain('No charges in the selected dates.');
    expect(html).not.toContain('<h2');
  });

  it('rounds amounts to cents half to even (12.345 → 12.34) from the exact text, with the exact value as a tooltip', () => {
    expect(['0.005', '0.015', '-0.004', '1234567.125', '-1234.5', '999.995'].map((text) => formatFixed(parseDecimal(text), 2))).toEqual([
      '0.00',
      '0.02',
      '0.00',
      '1,234,567.12',
      '-1,234.50',
      '1,000.00',
    ]);
    const html = renderCostHtml({ reports: [currency('USD', [group({ ServiceName: 'S3' }, { '2024-03-04': '0.00000001' })])] }, META);
    expect(html).toContain('<span title="0.00000001">0.00</span>');
  });
});
