/* chart.js — the page's ECharts (loaded before the modules as a classic script): drawn without
 * animation, resized with the window, disposed when the page changes. */

let charts = [];

export function chart(box, option) {
  const c = echarts.init(box, null, { renderer: 'canvas' });
  c.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis' } }, option));
  charts.push(c);
  return c;
}

export function disposeCharts() {
  for (const c of charts) c.dispose();
  charts = [];
}

export function resizeCharts() { charts.forEach((c) => c.resize()); }
