// Small SVG charts for the ops pages: stacked bars and a line with points, one x slot
// per version. Plain SVG (no chart library): the web map's one front end draws them.
// Every mark carries a <title> (hover text) and a class the browser tests count:
// `rect.bar` per stacked segment, `circle.pt` per point, `g.slot` per version.
import {categorical} from './colours';

const NS = 'http://www.w3.org/2000/svg';
const W = 520, H = 190, L = 56, R = 12, T = 12, B = 34;

export interface Series { name: string; values: (number | null)[]; }

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function titled<T extends SVGElement>(e: T, text: string): T {
  const t = document.createElementNS(NS, 'title');
  t.textContent = text;
  e.append(t);
  return e;
}

function colour(i: number): string {
  const [r, g, b] = categorical(i);
  return `rgb(${r},${g},${b})`;
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function frame(labels: string[], max: number, unit: (v: number) => string): SVGSVGElement {
  const svg = svgEl('svg', {viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'chart', role: 'img'});
  for (let i = 0; i <= 4; i++) {
    const y = T + (H - T - B) * (1 - i / 4);
    svg.append(svgEl('line', {x1: L, x2: W - R, y1: y, y2: y, stroke: '#e4e4e4'}));
    const t = svgEl('text', {x: L - 6, y: y + 4, 'text-anchor': 'end', class: 'tick'});
    t.textContent = unit(max * i / 4);
    svg.append(t);
  }
  const step = (W - L - R) / Math.max(1, labels.length);
  const every = Math.ceil(labels.length / 6);
  labels.forEach((lab, i) => {
    if (i % every) return;
    const t = svgEl('text', {x: L + step * (i + 0.5), y: H - B + 16, 'text-anchor': 'middle', class: 'tick'});
    t.textContent = lab;
    svg.append(t);
  });
  return svg;
}

function legend(series: Series[]): HTMLElement {
  const div = document.createElement('div');
  div.className = 'chart-legend';
  series.forEach((s, i) => {
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = colour(i);
    const lab = document.createElement('span');
    lab.textContent = s.name;
    div.append(sw, lab);
  });
  return div;
}

// One stacked bar per x label; segments in series order, missing values count as 0.
export function stackedBars(labels: string[], series: Series[], unit: (v: number) => string): HTMLElement {
  const totals = labels.map((_, i) => series.reduce((a, s) => a + Math.max(0, s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const svg = frame(labels, max, unit);
  const step = (W - L - R) / Math.max(1, labels.length);
  const bw = Math.max(2, Math.min(40, step * 0.7));
  const scale = (H - T - B) / max;
  labels.forEach((lab, i) => {
    const g = svgEl('g', {class: 'slot', 'data-label': lab});
    let y = H - B;
    series.forEach((s, k) => {
      const v = Math.max(0, s.values[i] ?? 0);
      const h = v * scale;
      y -= h;
      g.append(titled(svgEl('rect', {x: L + step * (i + 0.5) - bw / 2, y, width: bw, height: Math.max(h, 0),
        fill: colour(k), class: 'bar'}), `${lab} · ${s.name}: ${unit(v)}`));
    });
    svg.append(g);
  });
  const box = document.createElement('div');
  box.append(svg, legend(series));
  return box;
}

// One line per series with a point per x label that has a value.
export function lines(labels: string[], series: Series[], unit: (v: number) => string): HTMLElement {
  const all = series.flatMap(s => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const max = niceMax(Math.max(0, ...all));
  const svg = frame(labels, max, unit);
  const step = (W - L - R) / Math.max(1, labels.length);
  const y = (v: number) => H - B - v * (H - T - B) / max;
  series.forEach((s, k) => {
    const pts = s.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : [L + step * (i + 0.5), y(v)]));
    const d = pts.filter(Boolean).map((p, i) => `${i ? 'L' : 'M'}${p![0]},${p![1]}`).join(' ');
    if (d) svg.append(svgEl('path', {d, fill: 'none', stroke: colour(k), 'stroke-width': 2}));
    pts.forEach((p, i) => {
      if (!p) return;
      svg.append(titled(svgEl('circle', {cx: p[0], cy: p[1], r: 4, fill: colour(k), class: 'pt'}),
        `${labels[i]} · ${s.name}: ${unit(s.values[i]!)}`));
    });
  });
  const box = document.createElement('div');
  box.append(svg, legend(series));
  return box;
}
