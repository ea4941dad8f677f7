'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import type { TrendChartProps } from './trend-chart-drawing.tsx';

export type { ChartRow, Series, TrendChartProps } from './trend-chart-drawing.tsx';

// Recharts is most of a chart page's JavaScript, and its ResponsiveContainer draws nothing until it has measured its
// box in the browser: loading it after the page keeps it out of the first load and draws the same chart. The
// placeholder holds the chart's height, so nothing moves when it arrives.
const placeholder = <div className="chart" style={{ height: 260 }} aria-hidden="true" />;
const Drawing = dynamic(() => import('./trend-chart-drawing.tsx').then((m) => m.TrendChartDrawing), {
  ssr: false,
  loading: () => placeholder,
});

/**
 * Series over time; the data arrive shaped and the chart does no arithmetic. A chart is drawn once it comes near the
 * screen: loading and drawing Recharts was most of a page's main-thread work on a phone, spent on charts below the
 * first screen before the page could answer a tap.
 */
export function TrendChart(props: TrendChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const seen = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          seen.disconnect();
        }
      },
      { rootMargin: '200px' },
    );
    seen.observe(el);
    return () => seen.disconnect();
  }, []);
  return <div ref={box}>{near ? <Drawing {...props} /> : placeholder}</div>;
}
