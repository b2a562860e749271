// ECharts, only the parts the dashboard uses (tree-shaken), and the China map shipped with
// hrss: web/src/assets/china-provinces.geo.json (see web/src/assets/README.md). The map is
// registered from the bundle and never fetched from the internet.
import { echarts } from '../../lib/echarts.ts';
import china from '../../assets/china-provinces.geo.json';

interface Feature { id: string; properties: { name: string } }
// Registered as 'china': ECharts then adds the South China Sea islands inset itself.
echarts.registerMap('china', china as unknown as Parameters<typeof echarts.registerMap>[1]);

/** The map's own name for each province, by its 2-digit code ('44' → '广东'). */
export const MAP_NAME_BY_PROVINCE: Record<string, string> = Object.fromEntries(
  (china as unknown as { features: Feature[] }).features.map((f) => [f.id.slice(0, 2), f.properties.name]),
);

export { echarts };
