import { CHANGE_OUTCOMES, TICKET_TYPES, TicketType } from './model';
import type { Attainment, DurationStats, WeeklyReport } from './report';

const TYPE_LABELS: Record<TicketType, string> = { incident: 'Incidents', problem: 'Problems', change: 'Changes', release: 'Releases' };
const OUTCOME_LABELS: Record<string, string> = {
  successful: 'Successful',
  successful_with_issues: 'Successful with issues',
  failed: 'Failed',
  backed_out: 'Backed out',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const OPENED_COLOUR = '#2563eb';
const CLOSED_COLOUR = '#16a34a';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1f2933;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
main{max-width:960px;margin:0 auto;padding:32px 24px 48px}
header{border-bottom:3px solid ${OPENED_COLOUR};margin-bottom:24px;padding-bottom:12px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:18px;margin:0 0 12px}
.meta{color:#52606d;margin:0}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin-bottom:24px}
.card{background:#fff;border:1px solid #d9dde3;border-radius:8px;padding:12px 16px}
.card .label{color:#52606d;font-size:13px;text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:28px;font-weight:600}
section{background:#fff;border:1px solid #d9dde3;border-radius:8px;padding:20px 24px;margin-bottom:20px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:20px;margin-bottom:20px}
.grid section{margin-bottom:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e4e7eb}
th{color:#52606d;font-weight:600;font-size:13px;text-transform:uppercase;letter-spacing:.04em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr:last-child td{border-bottom:0}
.good{color:#15803d;font-weight:600}.warn{color:#b45309;font-weight:600}.bad{color:#b91c1c;font-weight:600}
code{font:13px ui-monospace,"DejaVu Sans Mono",monospace}
.empty{color:#52606d;font-style:italic;margin:0}
.chart{display:block;margin:0 auto 16px;max-width:100%;height:auto}
footer{color:#7b8794;font-size:13px;text-align:center}
@media (max-width:720px){.cards{grid-template-columns:repeat(2,1fr)}.grid{grid-template-columns:1fr}}
`;

/**
 * The weekly report as one self-contained HTML5 page: inline CSS, an inline SVG chart, no scripts
 * or external assets. Every text taken from tickets is escaped. The same report gives the same bytes.
 */
export function renderWeeklyReportHtml(report: WeeklyReport): string {
  const lastDay = Date.parse(report.to) - 86_400_000;
  const title = `Weekly operations report ${report.week}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>Weekly operations report</h1>
<p class="meta">Week ${escapeHtml(report.week)} · ${formatDate(Date.parse(report.from))} – ${formatDate(lastDay)} (UTC)</p>
</header>
<div class="cards">
${card('Opened', report.opened.total)}
${card('Closed', report.closed.total)}
${card('Resolved', report.resolved)}
${card('Canceled', report.canceled.total)}
${card('Backlog', report.backlog.total)}
</div>
<section>
<h2>Opened and closed by type</h2>
${barChart(report)}
<table>
<thead><tr><th>Type</th><th class="num">Opened</th><th class="num">Closed</th><th class="num">Canceled</th><th class="num">Backlog at week end</th></tr></thead>
<tbody>
${TICKET_TYPES.map(
  (type) =>
    `<tr><td>${TYPE_LABELS[type]}</td><td class="num">${report.opened.byType[type]}</td><td class="num">${report.closed.byType[type]}</td><td class="num">${report.canceled.byType[type]}</td><td class="num">${report.backlog.byType[type]}</td></tr>`,
).join('\n')}
</tbody>
</table>
</section>
<div class="grid">
<section>
<h2>SLA attainment</h2>
<table>
<thead><tr><th>Clock</th><th class="num">Met</th><th class="num">Breached</th><th class="num">Attainment</th></tr></thead>
<tbody>
${attainmentRow('Response', report.slaAttainment.response)}
${attainmentRow('Resolution', report.slaAttainment.resolution)}
</tbody>
</table>
</section>
<section>
<h2>Response and resolution times</h2>
<table>
<thead><tr><th>Measure</th><th class="num">Tickets</th><th class="num">Median</th><th class="num">Mean</th></tr></thead>
<tbody>
${durationRow('MTTA (time to respond)', report.mtta)}
${durationRow('MTTR (time to resolve)', report.mttr)}
</tbody>
</table>
</section>
<section>
<h2>Top categories opened</h2>
${
  report.topCategories.length === 0
    ? '<p class="empty">No categorised tickets were opened this week.</p>'
    : `<table>
<thead><tr><th>Category</th><th class="num">Tickets</th></tr></thead>
<tbody>
${report.topCategories.map((entry) => `<tr><td>${escapeHtml(entry.category)}</td><td class="num">${entry.count}</td></tr>`).join('\n')}
</tbody>
</table>`
}
</section>
<section>
<h2>Changes and releases by outcome</h2>
<table>
<thead><tr><th>Outcome</th><th class="num">Closed</th></tr></thead>
<tbody>
${CHANGE_OUTCOMES.map((outcome) => `<tr><td>${OUTCOME_LABELS[outcome] ?? escapeHtml(outcome)}</td><td class="num">${report.changesByOutcome[outcome]}</td></tr>`).join('\n')}
</tbody>
</table>
</section>
</div>
<section>
<h2>SLA breaches</h2>
${
  report.breaches.total === 0
    ? '<p class="empty">No SLA clock that stopped this week was breached.</p>'
    : `<table>
<thead><tr><th>Ticket</th><th>Type</th><th>Title</th><th class="num">Priority</th><th>Breached</th></tr></thead>
<tbody>
${report.breaches.mostUrgent
  .map(
    (breach) =>
      `<tr><td><code>${escapeHtml(breach.id)}</code></td><td>${escapeHtml(breach.type)}</td><td>${escapeHtml(breach.title)}</td><td class="num">P${breach.priority}</td><td>${breach.clocks.join(', ')}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>${
        report.breaches.total > report.breaches.mostUrgent.length
          ? `\n<p class="empty">The ${report.breaches.mostUrgent.length} most urgent of ${report.breaches.total} tickets with a breach.</p>`
          : ''
      }`
}
</section>
<footer>
<p>Generated ${escapeHtml(formatDateTime(Date.parse(report.generatedAt)))} UTC. SLA attainment counts clocks that stopped during the week; MTTA and MTTR are wall-clock times.</p>
</footer>
</main>
</body>
</html>
`;
}

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function card(label: string, value: number): string {
  return `<div class="card"><div class="label">${label}</div><div class="value">${value}</div></div>`;
}

function attainmentRow(label: string, attainment: Attainment): string {
  const percent =
    attainment.percent === null ? '<span class="empty">none</span>' : `<span class="${attainmentClass(attainment.percent)}">${attainment.percent.toFixed(1)}%</span>`;
  return `<tr><td>${label}</td><td class="num">${attainment.met}</td><td class="num">${attainment.breached}</td><td class="num">${percent}</td></tr>`;
}

/** Green from 95 %, amber from 80 %, red below: the usual service-review colours. */
function attainmentClass(percent: number): string {
  return percent >= 95 ? 'good' : percent >= 80 ? 'warn' : 'bad';
}

function durationRow(label: string, stats: DurationStats): string {
  return `<tr><td>${label}</td><td class="num">${stats.count}</td><td class="num">${formatMinutes(stats.medianMinutes)}</td><td class="num">${formatMinutes(stats.meanMinutes)}</td></tr>`;
}

/** Grouped bars, opened and closed, one group per ticket type, with a value over each bar. */
function barChart(report: WeeklyReport): string {
  const width = 640;
  const height = 230;
  const left = 40;
  const bottom = 200;
  const top = 36;
  const groupWidth = (width - left - 10) / TICKET_TYPES.length;
  const barWidth = 36;
  const max = Math.max(1, ...TICKET_TYPES.flatMap((type) => [report.opened.byType[type], report.closed.byType[type]]));
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const y = (value: number) => bottom - ((bottom - top) * value) / axisMax;

  const parts: string[] = [];
  for (let tick = 0; tick <= axisMax; tick += step) {
    const ty = y(tick).toFixed(1);
    parts.push(`<line x1="${left}" y1="${ty}" x2="${width - 10}" y2="${ty}" stroke="#e4e7eb"/>`);
    parts.push(`<text x="${left - 8}" y="${ty}" dy="4" text-anchor="end" font-size="11" fill="#52606d">${tick}</text>`);
  }
  TICKET_TYPES.forEach((type, index) => {
    const centre = left + groupWidth * index + groupWidth / 2;
    const bars: [number, string, string][] = [
      [report.opened.byType[type], OPENED_COLOUR, 'opened'],
      [report.closed.byType[type], CLOSED_COLOUR, 'closed'],
    ];
    bars.forEach(([value, colour, what], barIndex) => {
      const x = centre - barWidth - 2 + barIndex * (barWidth + 4);
      const barTop = y(value);
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${barTop.toFixed(1)}" width="${barWidth}" height="${(bottom - barTop).toFixed(1)}" fill="${colour}"><title>${TYPE_LABELS[type]} ${what}: ${value}</title></rect>`,
      );
      parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${(barTop - 4).toFixed(1)}" text-anchor="middle" font-size="12" fill="#1f2933">${value}</text>`);
    });
    parts.push(`<text x="${centre.toFixed(1)}" y="${bottom + 18}" text-anchor="middle" font-size="13" fill="#1f2933">${TYPE_LABELS[type]}</text>`);
  });
  parts.push(`<line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#9aa5b1"/>`);
  parts.push(`<rect x="${width - 170}" y="4" width="12" height="12" fill="${OPENED_COLOUR}"/><text x="${width - 152}" y="14" font-size="12" fill="#1f2933">Opened</text>`);
  parts.push(`<rect x="${width - 90}" y="4" width="12" height="12" fill="${CLOSED_COLOUR}"/><text x="${width - 72}" y="14" font-size="12" fill="#1f2933">Closed</text>`);
  return `<svg class="chart" role="img" aria-label="Tickets opened and closed by type" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
${parts.join('\n')}
</svg>`;
}

/** A 1-2-5 step giving at most five grid lines above zero. */
function niceStep(max: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of [1, 2, 5]) if (max / (step * magnitude) <= 5) return step * magnitude;
  }
}

/** "45 min", "2 h 05 min", "3 d 4 h"; an en dash when there is no value. */
function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '–';
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole} min`;
  if (whole < 24 * 60) return `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, '0')} min`;
  return `${Math.floor(whole / 1440)} d ${Math.floor((whole % 1440) / 60)} h`;
}

/** "Mon 30 Mar 2026", in UTC. */
function formatDate(ms: number): string {
  const date = new Date(ms);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "Mon 6 Apr 2026 08:00", in UTC. */
function formatDateTime(ms: number): string {
  const date = new Date(ms);
  return `${formatDate(ms)} ${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}
