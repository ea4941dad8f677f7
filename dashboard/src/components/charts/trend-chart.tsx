'use client';

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatValue, type ValueFormat } from '../../lib/format.ts';

export interface TrendPoint {
  label: string;
  value: number | null;
}

export interface TrendChartProps {
  data: TrendPoint[];
  format: ValueFormat;
  currency?: string | null;
  kind?: 'line' | 'bar';
  /** Read by screen readers in place of the drawing. */
  description: string;
}

/** One series over time; the data arrive shaped and the chart does no arithmetic. */
export function TrendChart({ data, format, currency, kind = 'line', description }: TrendChartProps) {
  const tick = (value: number) => formatValue(value, format, currency);
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
      <XAxis dataKey="label" tick={{ fill: 'var(--muted)', fontSize: 12 }} tickLine={false} />
      <YAxis tickFormatter={tick} tick={{ fill: 'var(--muted)', fontSize: 12 }} width={88} tickLine={false} />
      <Tooltip
        formatter={(value) => tick(Number(value))}
        contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
      />
    </>
  );
  return (
    <figure className="chart" role="img" aria-label={description}>
      <ResponsiveContainer width="100%" height={240}>
        {kind === 'bar' ? (
          <BarChart data={data}>
            {axes}
            <Bar dataKey="value" fill="var(--accent)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        ) : (
          <LineChart data={data}>
            {axes}
            <Line
              dataKey="value"
              stroke="var(--accent)"
              strokeWidth={2}
              dot={data.length <= 24}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
