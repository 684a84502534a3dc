/**
 * The parts of Apache ECharts the dashboards draw with (tree-shaken `echarts/core`). Only
 * `lazy-chart.tsx` imports this module, through `import()`: ECharts is fetched by the pages that
 * draw a chart, never with the app's first load.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type { EChartsCoreOption } from "echarts/core";
