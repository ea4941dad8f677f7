'use client';

import dynamic from 'next/dynamic';
import type { TrendChartProps } from './trend-chart-drawing.tsx';

export type { ChartRow, Series, TrendChartProps } from './trend-chart-drawing.tsx';

// Recharts is most of a chart page's JavaScript, and its ResponsiveContainer draws nothing until it has measured its
// box in the browser: loading it after the page keeps it out of the first load and draws the same chart. The
// placeholder holds the chart's height, so nothing moves when it arrives.
const Drawing = dynamic(() => import('./trend-chart-drawing.tsx').then((m) => m.TrendChartDrawing), {
  ssr: false,
  loading: () => <div className="chart" style={{ height: 260 }} aria-hidden="true" />,
});

/** Series over time; the data arrive shaped and the chart does no arithmetic. */
export function TrendChart(props: TrendChartProps) {
  return <Drawing {...props} />;
}
