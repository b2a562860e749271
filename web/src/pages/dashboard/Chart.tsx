import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from './echarts.ts';

/** One ECharts instance bound to a div: option updates, resizing, disposal. */
export function Chart({ option, locale, label, height = 420, testId }: { option: EChartsCoreOption; locale: 'ZH' | 'EN'; label: string; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { locale, renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; };
  }, [locale]);

  useEffect(() => { chart.current?.setOption(option, { notMerge: true }); }, [option, locale]);

  return <div ref={el} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
