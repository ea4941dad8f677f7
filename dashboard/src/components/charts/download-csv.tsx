'use client';

export interface CsvColumn {
  key: string;
  header: string;
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Downloads the numbers a chart shows as CSV, built in the browser from the rows the page already holds. */
export function DownloadCsv({
  rows,
  columns,
  filename,
}: {
  rows: Record<string, unknown>[];
  columns: CsvColumn[];
  filename: string;
}) {
  return (
    <button
      type="button"
      className="button ghost small"
      onClick={() => {
        const lines = [
          columns.map((c) => csvCell(c.header)).join(','),
          ...rows.map((row) => columns.map((c) => csvCell(row[c.key])).join(',')),
        ];
        const url = URL.createObjectURL(new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' }));
        const link = Object.assign(document.createElement('a'), { href: url, download: filename });
        link.click();
        URL.revokeObjectURL(url);
      }}
    >
      Download CSV
    </button>
  );
}
