/**
 * Flattens a `CostReport` to CSV (RFC 4180, `\n` line ends): one line per currency × group × period,
 * in the report's order. Budget, anomalies and movers have no place in this table; they are in the JSON.
 */
import type { CostReport } from './report-model';

/** Renders `report`; `groupBy` names the key columns, in order, so the header exists even with no rows. */
export function renderCsv(report: CostReport, groupBy: readonly string[]): string {
  const lines = [['BillingCurrency', ...groupBy, 'PeriodStart', 'PeriodEnd', 'BilledCost', 'EffectiveCost']];
  for (const { currency, groups } of report.reports) {
    for (const { key, periods } of groups) {
      const keyCells = groupBy.map((column) => key[column] ?? '');
      for (const period of periods) lines.push([currency, ...keyCells, period.start, period.end, period.BilledCost, period.EffectiveCost]);
    }
  }
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\n') + '\n';
}

function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
