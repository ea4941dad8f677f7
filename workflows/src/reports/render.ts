import type { CellFormat, TileData } from '@loyaltystudio/api/reports';

/**
 * A report's files from its tiles' data: the print view the PDF is printed from (titles, headline numbers, an SVG
 * chart and the first rows of each tile), one CSV per tile, and one XLSX workbook with a sheet per tile. Pure but
 * for the workbook's zip; the same data gives the same files.
 */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A value as the PDF and the message show it: money in the tile's currency, rates as percentages. */
export function formatValue(value: string | number | null, format: CellFormat, currency: string | null): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'money':
      return currency
        ? new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(value / 100)
        : new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value / 100);
    case 'percent':
      return `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(value * 100)}%`;
    case 'integer':
      return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(value);
    case 'number':
      return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(value);
    default:
      return String(value);
  }
}

const PALETTE = ['#4f46e5', '#0891b2', '#ea580c', '#16a34a'];

/** A bar or line chart as inline SVG, scaled to its largest value; null values leave a gap. */
export function chartSvg(chart: NonNullable<TileData['chart']>): string {
  const width = 640;
  const height = 200;
  const pad = { left: 48, right: 12, top: 12, bottom: 36 };
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const y = (v: number) => pad.top + plotH - ((v - min) / span) * plotH;
  const n = Math.max(1, chart.labels.length);
  const step = plotW / n;
  const parts: string[] = [];
  parts.push(`<line x1="${pad.left}" y1="${y(0)}" x2="${width - pad.right}" y2="${y(0)}" stroke="#9ca3af"/>`);
  parts.push(`<text x="${pad.left - 6}" y="${pad.top + 8}" text-anchor="end" font-size="10">${esc(short(max))}</text>`);
  if (chart.type === 'bar') {
    const group = step * 0.8;
    const bar = group / chart.series.length;
    chart.series.forEach((s, si) => {
      s.values.forEach((v, i) => {
        if (v === null) return;
        const x = pad.left + i * step + step * 0.1 + si * bar;
        const top = Math.min(y(v), y(0));
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, bar - 2).toFixed(1)}" height="${Math.abs(y(v) - y(0)).toFixed(1)}" fill="${PALETTE[si % PALETTE.length]}"/>`,
        );
      });
    });
  } else {
    chart.series.forEach((s, si) => {
      const points = s.values
        .map((v, i) => (v === null ? null : `${(pad.left + i * step + step / 2).toFixed(1)},${y(v).toFixed(1)}`))
        .filter((p): p is string => p !== null);
      parts.push(
        `<polyline fill="none" stroke="${PALETTE[si % PALETTE.length]}" stroke-width="2" points="${points.join(' ')}"/>`,
      );
    });
  }
  const every = Math.ceil(n / 12);
  chart.labels.forEach((label, i) => {
    if (i % every) return;
    const x = pad.left + i * step + step / 2;
    parts.push(
      `<text x="${x.toFixed(1)}" y="${height - pad.bottom + 14}" text-anchor="middle" font-size="9">${esc(label.slice(0, 14))}</text>`,
    );
  });
  const legend = chart.series
    .map((s, si) => `<span class="key"><i style="background:${PALETTE[si % PALETTE.length]}"></i>${esc(s.name)}</span>`)
    .join(' ');
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg><div class="legend">${legend}</div>`;
}

function short(v: number): string {
  return new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

/** Rows of a tile the PDF shows; the CSV and XLSX files hold them all. */
export const PDF_ROWS = 15;

export interface PrintHeader {
  reportName: string;
  tenantName?: string;
  /** The send date the ranges end before (ISO date, report time zone). */
  sendDate: string;
  timeZone: string;
}

/** The print view of the tiles: what Chromium prints to PDF. */
export function reportHtml(header: PrintHeader, tiles: TileData[]): string {
  const body = tiles
    .map((t) => {
      const figures = t.figures
        .map(
          (f) =>
            `<div class="figure"><div class="label">${esc(f.label)}</div><div class="value">${esc(
              formatValue(f.value, f.format, t.currency),
            )}</div>${
              f.change === null
                ? ''
                : `<div class="change">${f.change >= 0 ? '+' : ''}${esc(formatValue(f.change, 'percent', null))}</div>`
            }</div>`,
        )
        .join('');
      const head = t.table.columns.map((c) => `<th>${esc(c.label)}</th>`).join('');
      const rows = t.table.rows
        .slice(0, PDF_ROWS)
        .map(
          (r) =>
            `<tr>${t.table.columns
              .map((c) => `<td class="${c.format}">${esc(formatValue(r[c.key] ?? null, c.format, t.currency))}</td>`)
              .join('')}</tr>`,
        )
        .join('');
      const more =
        t.table.rows.length > PDF_ROWS
          ? `<p class="more">${t.table.rows.length - PDF_ROWS} more rows in the CSV and XLSX files.</p>`
          : '';
      return `<section class="tile"><h2>${esc(t.title)}</h2><p class="sub">${esc(t.subtitle)}</p>
<div class="figures">${figures}</div>${t.chart?.labels.length ? chartSvg(t.chart) : ''}
${t.table.rows.length ? `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${more}` : '<p class="sub">No rows.</p>'}</section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(header.reportName)}</title><style>
@page { size: A4; margin: 14mm 12mm; }
body { font: 11px/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111827; }
h1 { font-size: 20px; margin: 0 0 2px; } h2 { font-size: 14px; margin: 0; }
.sub { color: #6b7280; margin: 2px 0 8px; }
.tile { break-inside: avoid; border: 1px solid #e5e7eb; border-radius: 6px; padding: 10px 12px; margin: 0 0 12px; }
.figures { display: flex; flex-wrap: wrap; gap: 8px 20px; margin-bottom: 6px; }
.figure .label { color: #6b7280; font-size: 10px; } .figure .value { font-size: 16px; font-weight: 600; }
.figure .change { font-size: 10px; color: #374151; }
table { border-collapse: collapse; width: 100%; margin-top: 6px; font-size: 9.5px; }
th, td { border-bottom: 1px solid #f3f4f6; padding: 2px 4px; text-align: left; }
td.integer, td.money, td.percent, td.number { text-align: right; font-variant-numeric: tabular-nums; }
.legend { font-size: 9px; color: #374151; } .key { margin-right: 10px; }
.key i { display: inline-block; width: 8px; height: 8px; margin-right: 3px; }
.more { color: #6b7280; font-size: 9px; }
</style></head><body><h1>${esc(header.reportName)}</h1>
<p class="sub">${header.tenantName ? `${esc(header.tenantName)} · ` : ''}sent ${esc(header.sendDate)} (${esc(header.timeZone)})</p>
${body}</body></html>`;
}

/** RFC 4180 CSV of a tile's rows, with its column keys as the header; values as the analytics api gives them. */
export function tileCsv(tile: TileData): string {
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [tile.table.columns.map((c) => cell(c.key)).join(',')];
  for (const row of tile.table.rows) lines.push(tile.table.columns.map((c) => cell(row[c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name from a title: lower case, ASCII letters, digits and dashes. */
export function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'tile'
  );
}

/** One workbook, a sheet per tile (named after its title), the columns' labels as header, numbers as numbers. */
export async function reportXlsx(tiles: TileData[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // on first use: its modules cost a start 0.3 s
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  tiles.forEach((t, i) => {
    const base = `${i + 1} ${t.title}`.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${base.slice(0, 28)} ${n}`;
    used.add(name.toLowerCase());
    const sheet = workbook.addWorksheet(name);
    sheet.columns = t.table.columns.map((c) => ({
      header: c.label,
      key: c.key,
      width: Math.max(10, c.label.length + 2),
    }));
    for (const row of t.table.rows) sheet.addRow(Object.fromEntries(t.table.columns.map((c) => [c.key, row[c.key]])));
    sheet.getRow(1).font = { bold: true };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
