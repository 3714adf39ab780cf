/* chart.js — the page's ECharts, loaded on the first chart (never on the login page: it is most
 * of the dashboard's weight), from beside the modules so that it shares their versioned path.
 * Drawn without animation in colours of at least 4.5:1 on white, with a toolbox to save the
 * chart as an image, and a text summary for screen readers (shown when ECharts is absent).
 * Resized with the window, disposed when the page changes. */
import { el } from './dom.js';
import { t } from './i18n.js';

/* Text colours on white of 4.5:1 or more: blue 6.7, red 6.5, green 5.5, purple 7.1, slate 10.3,
 * brown 7.4, teal 5.5. */
export const PALETTE = ['#1d4ed8', '#b91c1c', '#047857', '#6d28d9', '#334155', '#92400e', '#0f766e'];
/* The line of time elapsed (序时进度) and of targets: slate, 10.3:1. */
export const GUIDE = '#334155';

let charts = [];
let loading = null;

/* ECharts, loaded once: a promise of the library, rejected when it cannot be had. */
export function loadCharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = new URL('../vendor/echarts.min.js', import.meta.url).href;
      s.onload = () => resolve(window.echarts);
      s.onerror = () => { loading = null; reject(new Error(t('no_charts'))); };
      document.head.append(s);
    });
  }
  return loading;
}

/* Draws option in box with summary as its text; the summary stays visible when ECharts is not
 * installed. Resolves to the chart, or null. */
export async function chart(box, option, summary) {
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', summary);
  const text = el('p', { class: 'chart-summary sr-only' }, summary);
  box.after(text);
  let lib;
  try { lib = await loadCharts(); } catch (e) {
    box.hidden = true;
    text.classList.remove('sr-only');
    return null;
  }
  if (!box.isConnected) return null;
  const c = lib.init(box, null, { renderer: 'canvas' });
  c.setOption(Object.assign({
    animation: false, color: PALETTE, tooltip: { trigger: 'axis' },
    textStyle: { color: '#1f2937' },
    toolbox: { right: 8, feature: { saveAsImage: { title: t('save_image'), pixelRatio: 2, backgroundColor: '#fff' } } },
  }, option));
  charts.push(c);
  return c;
}

/* A chart's summary: "name: value unit; ..." for up to 24 points of each series. */
export function summarize(title, names, series, unit) {
  const parts = series.map((s) => `${s.name}: ` + names.slice(0, 24).map((n, i) => `${n} ${s.data[i] === null || s.data[i] === undefined ? '—' : s.data[i]}${unit || ''}`).join('，'));
  return `${title}。${parts.join('；')}${names.length > 24 ? '…' : ''}`;
}

export function disposeCharts() {
  for (const c of charts) c.dispose();
  charts = [];
}

export function resizeCharts() { charts.forEach((c) => c.resize()); }
