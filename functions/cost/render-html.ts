/**
 * The cost report as one self-contained HTML page: inline CSS and inline SVG charts, no scripts and
 * no external resources, every text from the data escaped. One section per billing currency: totals,
 * budget, cost over time stacked by group, top movers week over week, anomalies and the groups.
 * Amounts in text are the report's exact decimals rounded to cents (the exact value in a tooltip
 * when rounding hides digits).
 */
import { OTHER_COLOUR, SERIES_COLOURS, stackGroups, type CostStack } from './cost-stack';
import { addDecimal, formatDecimal, parseDecimal, ZERO } from './decimal';
import { budgetBar, moverBar, stackedBarChart } from './html-charts';
import { amountCell, dayBefore, escapeHtml, formatDate, formatPercent, formatShare, formatTimestamp, NO_VALUE } from './html-text';
import type { Granularity } from './periods';
import type { BudgetStatus, CostAnomaly, CostReport, CurrencyReport, GroupCost, GroupKey, WeekOverWeek } from './report-model';

/** What the page says about how the report was made (the report itself holds only amounts). */
export interface CostReportMeta {
  /** Page heading and document title, e.g. `Weekly cost report`. */
  readonly title: string;
  /** When the report was made, ISO 8601 UTC (`2024-04-01T06:00:00.000Z`). */
  readonly generatedAt: string;
  /** Where the rows came from: input file names, or source names such as `AWS Cost Explorer`. */
  readonly sources: readonly string[];
  /** First day included, `YYYY-MM-DD`. @default unbounded (all data) */
  readonly from?: string;
  /** Day after the last day included (exclusive), `YYYY-MM-DD`. @default unbounded (all data) */
  readonly to?: string;
  /** Columns the report is grouped by (`ServiceName`, `tag:env`), in order; empty for one group. */
  readonly groupBy: readonly string[];
  /** Period size of the cost-over-time breakdown. */
  readonly granularity: Granularity;
}

/** Rows shown in the group and anomaly tables; the rest are summarised in one line (the JSON has them all). */
export const MAX_TABLE_ROWS = 100;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1f2933;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
main{max-width:1000px;margin:0 auto;padding:32px 24px 48px}
header{border-bottom:3px solid #2563eb;margin-bottom:24px;padding-bottom:12px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:22px;margin:0 0 16px}
h3{font-size:17px;margin:24px 0 8px}
.meta{color:#52606d;margin:0;overflow-wrap:anywhere}
nav{margin:8px 0 0}nav a{margin-right:12px}
.currency{background:#fff;border:1px solid #d9dde3;border-radius:8px;padding:20px 24px;margin-bottom:24px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin-bottom:8px}
.card{background:#f8f9fa;border:1px solid #e4e7eb;border-radius:8px;padding:10px 14px}
.card .label{color:#52606d;font-size:13px;text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.card .unit{font-size:13px;color:#52606d;font-weight:400}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{color:#52606d;font-weight:600;font-size:13px;text-transform:uppercase;letter-spacing:.04em}
td.key{overflow-wrap:anywhere;min-width:8em}
th.column{text-transform:none;letter-spacing:0}
th.center{text-align:center;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr:last-child td{border-bottom:0}
tfoot td{font-weight:600;border-top:2px solid #d9dde3}
.up{color:#c2410c}.down{color:#15803d}
.good{color:#15803d;font-weight:600}.warn{color:#b45309;font-weight:600}.bad{color:#b91c1c;font-weight:600}
.none{color:#7b8794;font-style:italic}
.empty{color:#52606d;font-style:italic;margin:0}
.stack-chart{display:flex;align-items:flex-start}
.stack-chart .y-axis{flex:none}
.stack-chart .chart{flex:1 1 auto;min-width:0;overflow:visible}
.x-narrow{display:none}
.mover-bar{display:block;margin:2px auto}
.budget-bar{display:block;width:100%;height:40px;margin:8px 0}
.legend{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px}
.legend li{display:flex;align-items:baseline;gap:6px;max-width:100%;overflow-wrap:anywhere}
.swatch{flex:none;display:inline-block;width:12px;height:12px;border-radius:2px}
${[...SERIES_COLOURS, OTHER_COLOUR].map((colour) => `.swatch-${colour.slice(1)}{background:${colour}}`).join('\n')}
details{margin-top:8px}summary{cursor:pointer;color:#2563eb}
footer{color:#7b8794;font-size:13px;text-align:center}
@media (max-width:600px){.x-wide{display:none}.x-narrow{display:inline}main{padding:16px 8px 32px}.currency{padding:14px 12px}th,td{padding:5px 6px}}
`;

/** Renders `report` as an HTML5 page; the same report and meta give the same bytes. */
export function renderCostHtml(report: CostReport, meta: CostReportMeta): string {
  const currencies = report.reports;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(meta.title)}</h1>
<p class="meta">${escapeHtml(describeSpan(meta))} · ${escapeHtml(describeGrouping(meta))} · EffectiveCost and BilledCost per billing currency; currencies are never added together.</p>
<p class="meta">Sources: ${meta.sources.length ? meta.sources.map((source) => `<code>${escapeHtml(source)}</code>`).join(', ') : '<span class="none">none given</span>'}</p>
${currencies.length > 1 ? `<nav aria-label="Currencies">${currencies.map((currency, i) => `<a href="#currency-${i}">${escapeHtml(currency.currency)}</a>`).join('')}</nav>` : ''}
</header>
${currencies.length ? currencies.map((currency, i) => currencySection(currency, i, meta)).join('\n') : '<section class="currency"><p class="empty">No charges in the selected dates.</p></section>'}
<footer>
<p>Generated ${escapeHtml(formatTimestamp(meta.generatedAt))}. Amounts are rounded to cents for display; hover a rounded amount for its exact value.</p>
</footer>
</main>
</body>
</html>
`;
}

function describeSpan(meta: CostReportMeta): string {
  if (meta.from && meta.to) return `${formatDate(meta.from)} – ${formatDate(dayBefore(meta.to))}`;
  if (meta.from) return `From ${formatDate(meta.from)}`;
  if (meta.to) return `Up to ${formatDate(dayBefore(meta.to))}`;
  return 'All dates in the input';
}

function describeGrouping(meta: CostReportMeta): string {
  const by = meta.groupBy.length ? `grouped by ${meta.groupBy.join(', ')}` : 'not grouped';
  return `${by}, per ${meta.granularity} (UTC)`;
}

function currencySection(report: CurrencyReport, index: number, meta: CostReportMeta): string {
  const code = escapeHtml(report.currency);
  const stack = stackGroups(report.groups, meta.granularity);
  return `<section class="currency" id="currency-${index}" aria-labelledby="currency-${index}-heading">
<h2 id="currency-${index}-heading">${code}</h2>
<div class="cards">
${card('EffectiveCost', amountCell(report.totals.EffectiveCost), code)}
${card('BilledCost', amountCell(report.totals.BilledCost), code)}
${card('Groups', String(report.groups.length))}
${report.budget ? card(`Budget, ${escapeHtml(formatMonth(report.budget.month))}`, statusText(report.budget)) : ''}
</div>
${report.budget ? budgetSection(report.budget, code) : ''}
<h3>Cost over time, stacked by group</h3>
${stack.periods.length ? costOverTime(stack, report.currency, index, meta) : '<p class="empty">No charges.</p>'}
${moversSection(report.movers, code)}
${anomaliesSection(report.anomalies, code)}
${groupsSection(report, meta, code)}
</section>`;
}

function card(label: string, value: string, unit?: string): string {
  return `<div class="card"><div class="label">${label}</div><div class="value">${value}${unit ? ` <span class="unit">${unit}</span>` : ''}</div></div>`;
}

const STATUS: Record<BudgetStatus['status'], [text: string, className: string]> = {
  ok: ['Within budget', 'good'],
  forecast_over: ['Forecast over budget', 'warn'],
  over: ['Over budget', 'bad'],
};

function statusText(budget: BudgetStatus): string {
  const [text, className] = STATUS[budget.status];
  return `<span class="${className}">${text}</span>`;
}

function budgetSection(budget: BudgetStatus, code: string): string {
  const amount = parseDecimal(budget.amount);
  const share = (text: string) => formatShare(parseDecimal(text), amount) ?? '–';
  return `<h3>Budget, ${escapeHtml(formatMonth(budget.month))}</h3>
${budgetBar(budget)}
<div class="scroll"><table>
<thead><tr><th></th><th class="num">Amount (${code})</th><th class="num">Of budget</th></tr></thead>
<tbody>
<tr><td>Budget</td><td class="num">${amountCell(budget.amount)}</td><td class="num">100.0%</td></tr>
<tr><td>Actual, ${budget.daysElapsed} of ${budget.daysInMonth} days</td><td class="num">${amountCell(budget.actual)}</td><td class="num">${share(budget.actual)}</td></tr>
<tr><td>Forecast at month end (linear)</td><td class="num">${amountCell(budget.forecast)}</td><td class="num">${share(budget.forecast)}</td></tr>
</tbody>
</table></div>
<p class="meta">Status: ${statusText(budget)}. The bar shows actual (dark), forecast (light) and the budget (line).</p>`;
}

function formatMonth(month: string): string {
  return formatDate(`${month}-01`).split(' ').slice(1).join(' ');
}

function costOverTime(stack: CostStack, currency: string, index: number, meta: CostReportMeta): string {
  const by = meta.groupBy.length ? meta.groupBy.join(', ') : 'group';
  const chart = stackedBarChart(stack, {
    id: `currency-${index}-chart`,
    currency,
    granularity: meta.granularity,
    title: `EffectiveCost per ${meta.granularity} in ${currency}, stacked by ${by}`,
  });
  const legend = stack.series.map((series) => `<li><span class="swatch swatch-${series.colour.slice(1)}"></span>${escapeHtml(series.label)}</li>`).join('');
  return `${chart}
<ul class="legend" aria-label="Legend">${legend}</ul>
<details><summary>Totals per ${meta.granularity}</summary><div class="scroll"><table>
<thead><tr><th>${meta.granularity === 'day' ? 'Day' : `${meta.granularity[0].toUpperCase()}${meta.granularity.slice(1)} starting`}</th><th class="num">EffectiveCost (${escapeHtml(currency)})</th></tr></thead>
<tbody>
${stack.periods.map((start, p) => `<tr><td>${formatDate(start)}</td><td class="num">${amountCell(formatDecimal(stack.totals[p]))}</td></tr>`).join('\n')}
</tbody>
</table></div></details>`;
}

function moversSection(movers: WeekOverWeek | null, code: string): string {
  if (!movers) {
    return `<h3>Top movers week over week</h3>
<p class="empty">Needs two complete ISO weeks (Monday to Sunday, UTC) of data.</p>`;
  }
  const heading = `<h3>Top movers: week of ${formatDate(movers.week.start)} against week of ${formatDate(movers.previousWeek.start)}</h3>`;
  if (!movers.groups.length) return `${heading}\n<p class="empty">No group's EffectiveCost changed between the two weeks.</p>`;
  const largest = Math.max(...movers.groups.map((mover) => Math.abs(Number(mover.change))));
  const rows = movers.groups.map((mover) => {
    const direction = mover.change.startsWith('-') ? 'down' : 'up';
    const percent = mover.changePercent === null ? '<span class="none">new</span>' : formatPercent(mover.changePercent);
    return `<tr><td class="key">${keyText(mover.key)}</td><td class="num ${direction}">${direction === 'up' ? '▲' : '▼'} ${amountCell(mover.change, true)}</td><td class="num ${direction}">${percent}</td><td>${moverBar(Number(mover.change), largest)}</td><td class="num">${amountCell(mover.previous)}</td><td class="num">${amountCell(mover.current)}</td></tr>`;
  });
  return `${heading}
<div class="scroll"><table class="movers">
<thead><tr><th>Group</th><th class="num">Change (${code})</th><th class="num">Change %</th><th class="center"><span class="down">◀ down</span> · <span class="up">up ▶</span></th><th class="num">Week before</th><th class="num">Last week</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
<p class="meta">EffectiveCost per group, ${formatDate(movers.week.start)} – ${formatDate(dayBefore(movers.week.end))} against ${formatDate(movers.previousWeek.start)} – ${formatDate(dayBefore(movers.previousWeek.end))}; largest changes first.</p>`;
}

function anomaliesSection(anomalies: readonly CostAnomaly[], code: string): string {
  const heading = '<h3>Anomalies</h3>';
  if (!anomalies.length) return `${heading}\n<p class="empty">No day departed from its group's 7-day baseline.</p>`;
  const shown = anomalies.slice(0, MAX_TABLE_ROWS);
  const rows = shown.map((anomaly) => {
    const direction = anomaly.change.startsWith('-') ? 'down' : 'up';
    return `<tr><td>${formatDate(anomaly.day)}</td><td class="key">${keyText(anomaly.key)}</td><td class="num">${amountCell(anomaly.cost)}</td><td class="num">${amountCell(anomaly.baseline)}</td><td class="num ${direction}">${amountCell(anomaly.change, true)}</td></tr>`;
  });
  const more = anomalies.length > shown.length ? `\n<p class="meta">The first ${shown.length} of ${anomalies.length} anomalies; the JSON report lists them all.</p>` : '';
  return `${heading}
<div class="scroll"><table class="anomalies">
<thead><tr><th>Day</th><th>Group</th><th class="num">Cost (${code})</th><th class="num">7-day mean</th><th class="num">Change</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>${more}`;
}

function groupsSection(report: CurrencyReport, meta: CostReportMeta, code: string): string {
  const heading = '<h3>Groups</h3>';
  if (!report.groups.length) return `${heading}\n<p class="empty">No groups.</p>`;
  const columns = meta.groupBy.length ? meta.groupBy : Object.keys(report.groups[0].key);
  const total = parseDecimal(report.totals.EffectiveCost);
  const shown = report.groups.slice(0, MAX_TABLE_ROWS);
  const keyCells = (group: GroupCost) => (columns.length ? columns.map((column) => `<td class="key">${valueText(group.key[column] ?? null)}</td>`).join('') : '<td>All costs</td>');
  const rows = shown.map(
    (group) =>
      `<tr>${keyCells(group)}<td class="num">${amountCell(group.EffectiveCost)}</td><td class="num">${amountCell(group.BilledCost)}</td><td class="num">${formatShare(parseDecimal(group.EffectiveCost), total) ?? '–'}</td></tr>`,
  );
  const rest = report.groups.slice(shown.length);
  if (rest.length) {
    const sum = (pick: (group: GroupCost) => string) => formatDecimal(rest.reduce((acc, group) => addDecimal(acc, parseDecimal(pick(group))), ZERO));
    rows.push(
      `<tr><td colspan="${Math.max(1, columns.length)}" class="none">${rest.length} more groups</td><td class="num">${amountCell(sum((g) => g.EffectiveCost))}</td><td class="num">${amountCell(sum((g) => g.BilledCost))}</td><td class="num">${formatShare(parseDecimal(sum((g) => g.EffectiveCost)), total) ?? '–'}</td></tr>`,
    );
  }
  const headers = columns.length ? columns.map((column) => `<th class="column">${escapeHtml(column)}</th>`).join('') : '<th>Group</th>';
  return `${heading}
<div class="scroll"><table class="groups">
<thead><tr>${headers}<th class="num">EffectiveCost (${code})</th><th class="num">BilledCost (${code})</th><th class="num">Share</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><td colspan="${Math.max(1, columns.length)}">Total</td><td class="num">${amountCell(report.totals.EffectiveCost)}</td><td class="num">${amountCell(report.totals.BilledCost)}</td><td class="num">${formatShare(total, total) ?? '–'}</td></tr></tfoot>
</table></div>`;
}

/** A group's key as HTML: its values joined with ` · `, a missing value shown as `(none)`. */
function keyText(key: GroupKey): string {
  const values = Object.values(key);
  return values.length ? values.map(valueText).join(' · ') : 'All costs';
}

function valueText(value: string | null): string {
  return value === null ? `<span class="none">${NO_VALUE}</span>` : escapeHtml(value);
}
