import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from '../lib/echarts.ts';

/** One ECharts instance bound to a div: option updates, resizing, disposal. */
export function Chart({ option, locale, label, height = 420, testId }: { option: EChartsCoreOption; locale: 'ZH' | 'EN'; label: string; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { locale, renderer: 'canvas' });
    chart.current = c;
    // Resized in the next frame, once per burst, never after disposal: a resize in the middle of a
    // layout change (elderly mode, a full-page screenshot) can meet the map's visualMap half laid out.
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (c.isDisposed()) return;
        try { c.resize(); } catch { /* the next resize lays it out again */ }
      });
    });
    ro.observe(el.current);
    return () => { cancelAnimationFrame(frame); ro.disconnect(); c.dispose(); chart.current = null; };
  }, [locale]);

  useEffect(() => { chart.current?.setOption(option, { notMerge: true }); }, [option, locale]);

  return <div ref={el} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
