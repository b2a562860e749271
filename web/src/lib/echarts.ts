// ECharts, only the parts the console uses (tree-shaken), registered once in one call. The China
// map's geometry is registered by pages/dashboard/echarts.ts, so pages without a map (the public
// ranking) do not load it.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, MapChart, BarChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
