'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatValue, type ValueFormat } from '../../lib/format.ts';

export type ChartRow = Record<string, string | number | null>;

export interface Series {
  key: string;
  label: string;
}

export interface TrendChartProps {
  data: ChartRow[];
  /** The key of the x axis' label in each row. */
  x: string;
  series: Series[];
  format: ValueFormat;
  currency?: string | null;
  kind?: 'line' | 'bar';
  stacked?: boolean;
  /** Read by screen readers in place of the drawing. */
  description: string;
}

// Enough distinct colours for the series of one chart (tiers, points flows); both themes read them.
const PALETTE = ['var(--accent)', '#12a594', '#e5484d', '#f5a524', '#8e4ec6', '#0090ff', '#a18072'];

/** Series over time drawn by Recharts; the data arrive shaped and the chart does no arithmetic. */
export function TrendChartDrawing({
  data,
  x,
  series,
  format,
  currency,
  kind = 'line',
  stacked = false,
  description,
}: TrendChartProps) {
  const tick = (value: number) => formatValue(value, format, currency);
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
      <XAxis dataKey={x} tick={{ fill: 'var(--muted)', fontSize: 12 }} tickLine={false} />
      <YAxis tickFormatter={tick} tick={{ fill: 'var(--muted)', fontSize: 12 }} width={88} tickLine={false} />
      <Tooltip
        formatter={(value) => tick(Number(value))}
        contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
      />
      {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
    </>
  );
  return (
    <figure className="chart" role="img" aria-label={description}>
      <ResponsiveContainer width="100%" height={260}>
        {kind === 'bar' ? (
          <BarChart data={data}>
            {axes}
            {series.map((s, i) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={PALETTE[i % PALETTE.length]}
                stackId={stacked ? 'stack' : undefined}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        ) : (
          <LineChart data={data}>
            {axes}
            {series.map((s, i) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stroke={PALETTE[i % PALETTE.length]}
                strokeWidth={2}
                dot={data.length <= 24}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
