/**
 * Inline SVG charts for the HTML cost report. Amounts are converted to numbers here for pixel
 * geometry only; every amount written as text comes from the exact decimals.
 */
import type { CostStack } from './cost-stack';
import { formatDecimal, type Decimal } from './decimal';
import { escapeHtml, formatAmount, formatDate, formatPeriodLabel } from './html-text';
import type { Granularity } from './periods';
import type { BudgetStatus } from './report-model';

/** Height of the stacked chart and the plot's top and bottom (px); widths are fluid (percent of the page). */
const HEIGHT = 300;
const PLOT_TOP = 12;
const PLOT_BOTTOM = 270;
/** Width of the y-axis labels' column (px). */
const AXIS_WIDTH = 64;
const AXIS_FONT = 12;
/** Rough width of a character of the axis font, to keep x labels apart. */
const CHAR_WIDTH = 7;
/** Plot widths (px) the two sets of x labels are spaced for: wide pages, and phones (below 600 px, switched in CSS). */
const WIDE_PLOT = 840;
const NARROW_PLOT = 300;
const TEXT = '#1f2933';
const MUTED = '#52606d';
const GRID = '#e4e7eb';
const UP_COLOUR = '#c2410c';
const DOWN_COLOUR = '#15803d';

/** What the stacked chart says about itself, for its title, description and tooltips. */
export interface StackedChartLabels {
  /** Unique on the page: prefixes the ids of the chart's title and description. */
  readonly id: string;
  readonly currency: string;
  readonly granularity: Granularity;
  /** Short accessible name, e.g. `EffectiveCost per week, stacked by ServiceName`. */
  readonly title: string;
}

/**
 * Stacked bars, one per period: each layer's positive amounts stacked up from zero and its
 * negative amounts (credits) down from it, so a bar's height is never the net of the two.
 * Each segment's tooltip gives the group, period and amount; the legend is the caller's (HTML wraps).
 *
 * Two SVGs side by side: the y-axis labels at a fixed width, and the plot, whose x positions are
 * percentages so it fills any page width with text at its real size (a scaled viewBox would shrink
 * the labels to unreadable on a phone). It needs the page's `.stack-chart` rules.
 */
export function stackedBarChart(stack: CostStack, labels: StackedChartLabels): string {
  const values = stack.series.map((series) => series.amounts.map((amount) => Number(formatDecimal(amount))));
  const up = stack.periods.map((_, p) => values.reduce((sum, v) => sum + Math.max(0, v[p]), 0));
  const down = stack.periods.map((_, p) => values.reduce((sum, v) => sum + Math.min(0, v[p]), 0));
  const axis = niceAxis(Math.min(0, ...down), Math.max(0, ...up));
  const y = (value: number) => PLOT_TOP + ((axis.max - value) / (axis.max - axis.min)) * (PLOT_BOTTOM - PLOT_TOP);
  const slot = 100 / Math.max(1, stack.periods.length);
  const barWidth = Math.min(8, slot * 0.72);
  const monthly = labels.granularity === 'month';
  const periodName = (start: string) => (labels.granularity === 'day' ? formatDate(start) : monthly ? formatPeriodLabel(start, true) : `week of ${formatDate(start)}`);
  const percent = (value: number) => `${value.toFixed(3).replace(/\.?0+$/, '')}%`;

  const axisLabels: string[] = [];
  const plot: string[] = [];
  for (const tick of axis.ticks) {
    const ty = y(tick).toFixed(1);
    plot.push(`<line x1="0" y1="${ty}" x2="100%" y2="${ty}" stroke="${tick === 0 ? '#9aa5b1' : GRID}"/>`);
    axisLabels.push(`<text x="${AXIS_WIDTH - 8}" y="${ty}" dy="4" text-anchor="end">${escapeHtml(axis.format(tick))}</text>`);
  }
  stack.periods.forEach((start, p) => {
    const x = percent(slot * p + (slot - barWidth) / 2);
    const segments: string[] = [];
    let above = 0;
    let below = 0;
    stack.series.forEach((series, s) => {
      const value = values[s][p];
      if (value === 0) return;
      const from = value > 0 ? above : below;
      const to = from + value;
      if (value > 0) above = to;
      else below = to;
      const top = y(Math.max(from, to));
      const height = Math.max(0.5, Math.abs(y(from) - y(to)));
      segments.push(
        `<rect x="${x}" y="${top.toFixed(1)}" width="${percent(barWidth)}" height="${height.toFixed(1)}" fill="${series.colour}" stroke="#fff" stroke-width="0.5"><title>${escapeHtml(series.label)}, ${periodName(start)}: ${amountTitle(series.amounts[p], labels.currency)}</title></rect>`,
      );
    });
    plot.push(`<g class="bar" data-period="${start}"><title>${periodName(start)}: ${amountTitle(stack.totals[p], labels.currency)}</title>${segments.join('')}</g>`);
  });
  plot.push(...xLabels(stack.periods, monthly, WIDE_PLOT, 'x-wide'), ...xLabels(stack.periods, monthly, NARROW_PLOT, 'x-narrow'));
  const peak = stack.totals.reduce((best, total, p) => (best < 0 || total > stack.totals[best] ? p : best), -1);
  const desc =
    stack.periods.length === 0
      ? 'No charges.'
      : `${stack.periods.length} bars from ${periodName(stack.periods[0])} to ${periodName(stack.periods[stack.periods.length - 1])}, ` +
        `one layer per group: ${stack.series.map((series) => series.label).join(', ')}. ` +
        `Highest total: ${periodName(stack.periods[peak])}, ${amountTitle(stack.totals[peak], labels.currency)}. ` +
        `Axis from ${axis.format(axis.min)} to ${axis.format(axis.max)} ${labels.currency}.`;
  return `<div class="stack-chart">
<svg class="y-axis" aria-hidden="true" width="${AXIS_WIDTH}" height="${HEIGHT}" font-size="${AXIS_FONT}" fill="${MUTED}" xmlns="http://www.w3.org/2000/svg">
${axisLabels.join('\n')}
</svg>
<svg class="chart" role="img" aria-labelledby="${labels.id}-title ${labels.id}-desc" width="100%" height="${HEIGHT}" font-size="${AXIS_FONT}" xmlns="http://www.w3.org/2000/svg">
<title id="${labels.id}-title">${escapeHtml(labels.title)}</title>
<desc id="${labels.id}-desc">${escapeHtml(desc)}</desc>
${plot.join('\n')}
</svg>
</div>`;
}

/**
 * Period labels under the bars for a plot about `plotWidth` px wide: every k-th, so they never
 * overlap there; the year is added where it changes. `className` lets the page show one set per width.
 */
function xLabels(periods: readonly string[], monthly: boolean, plotWidth: number, className: string): string[] {
  const slot = 100 / Math.max(1, periods.length);
  const widest = monthly ? 8 : 11; // "Mar 2024", "29 Dec 2024"
  const every = Math.max(1, Math.ceil(((widest + 2) * CHAR_WIDTH) / ((plotWidth * slot) / 100)));
  const labels: string[] = [];
  let lastYear = '';
  for (let p = 0; p < periods.length; p += every) {
    const year = periods[p].slice(0, 4);
    const text = formatPeriodLabel(periods[p], monthly) + (!monthly && year !== lastYear ? ` ${year}` : '');
    lastYear = year;
    const x = `${(slot * p + slot / 2).toFixed(3)}%`;
    labels.push(`<g class="${className}"><line x1="${x}" y1="${PLOT_BOTTOM}" x2="${x}" y2="${PLOT_BOTTOM + 4}" stroke="#9aa5b1"/><text x="${x}" y="${PLOT_BOTTOM + 20}" text-anchor="middle" fill="${TEXT}">${text}</text></g>`);
  }
  return labels;
}

/** "1,234.57 USD", with the exact amount in brackets when cents round it. */
function amountTitle(amount: Decimal, currency: string): string {
  const exact = formatDecimal(amount);
  const shown = formatAmount(exact);
  return escapeHtml(`${shown} ${currency}${(exact.split('.')[1] ?? '').length > 2 ? ` (exactly ${exact})` : ''}`);
}

interface Axis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  readonly format: (tick: number) => string;
}

/** An axis from `low` to `high` (both including 0) on a 1-2-5 step, about five intervals, labels in k / M where that reads better. */
function niceAxis(low: number, high: number): Axis {
  if (high - low <= 0) high = low + 1;
  const range = high - low;
  const magnitude = 10 ** Math.floor(Math.log10(range / 5));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => range / candidate <= 5.5)!;
  // The small slack keeps float noise (0.30000000000000004) from adding an empty interval.
  const min = Math.floor(low / step + 1e-9) * step + 0;
  const max = Math.ceil(high / step - 1e-9) * step + 0;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 2; i++) ticks.push(Math.round((min + i * step) / step) * step);
  const biggest = Math.max(Math.abs(min), Math.abs(max));
  const unit = biggest >= 1e9 ? { size: 1e9, suffix: 'B' } : biggest >= 1e6 ? { size: 1e6, suffix: 'M' } : biggest >= 1e4 ? { size: 1e3, suffix: 'k' } : { size: 1, suffix: '' };
  const decimals = Math.max(0, -Math.floor(Math.log10(step / unit.size) + 1e-9));
  const format = (tick: number) =>
    tick === 0 ? '0' : `${(tick / unit.size).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}${unit.suffix}`;
  return { min, max, ticks, format };
}

/**
 * The month's budget as a bullet bar: forecast (light) behind actual (dark), the budget as a
 * marker line. Decorative: the numbers are in the table beside it.
 */
export function budgetBar(budget: BudgetStatus): string {
  const width = 760;
  const height = 40;
  const amounts = [budget.amount, budget.actual, budget.forecast].map((text) => Math.max(0, Number(text)));
  const scale = Math.max(...amounts, 1e-9) * 1.08;
  const x = (value: number) => ((Math.max(0, value) / scale) * (width - 4)).toFixed(1);
  const colour = budget.status === 'over' ? '#b91c1c' : budget.status === 'forecast_over' ? '#b45309' : '#2563eb';
  return `<svg class="budget-bar" aria-hidden="true" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="8" width="${width}" height="24" fill="#eef0f3"/>
<rect x="0" y="8" width="${x(amounts[2])}" height="24" fill="${colour}" fill-opacity="0.3"/>
<rect x="0" y="12" width="${x(amounts[1])}" height="16" fill="${colour}"/>
<rect x="${x(amounts[0])}" y="2" width="3" height="36" fill="${TEXT}"/>
</svg>`;
}

/** A small diverging bar for one mover: right and warm for a rise, left and green for a fall. Decorative. */
export function moverBar(change: number, largest: number): string {
  const width = 160;
  const half = width / 2;
  const length = largest > 0 ? (Math.abs(change) / largest) * (half - 2) : 0;
  const x = change >= 0 ? half : half - length;
  return `<svg class="mover-bar" aria-hidden="true" width="${width}" height="16" viewBox="0 0 ${width} 16" xmlns="http://www.w3.org/2000/svg"><rect x="${x.toFixed(1)}" y="3" width="${Math.max(1, length).toFixed(1)}" height="10" fill="${change >= 0 ? UP_COLOUR : DOWN_COLOUR}"/><line x1="${half}" y1="0" x2="${half}" y2="16" stroke="#9aa5b1"/></svg>`;
}
