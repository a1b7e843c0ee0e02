// The chart panel: one chart per shown column, each with the filtered counts drawn over
// the unfiltered ones. Histograms (numbers, dates) are brushed by dragging across bins;
// bar charts (categories, list items, topics) filter by clicking bars (several bars of
// one chart are OR'ed). Every label is data, so it goes on the page as text only (el()).
import type {ChartMeta} from './api';
import {$, el} from './dom';
import {renderActions} from './wbactions';
import type {Workbench} from './workbench';

const NS = 'http://www.w3.org/2000/svg';
const W = 280, H = 64;
const BARS = 8;            // bars shown before "+ more"

function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(NS, tag) as SVGElement;
  for (const [k, x] of Object.entries(attrs)) e.setAttribute(k, String(x));
  return e;
}

export function fmt(c: ChartMeta, x: number): string {
  if (c.kind === 'date') return new Date(x).toISOString().slice(0, 10);
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(0)}k`;
  return Number.isInteger(x) ? String(x) : x.toPrecision(3);
}

export function renderCharts(wb: Workbench) {
  const root = $('charts');
  root.replaceChildren();
  renderActions(wb, root);
  const res = wb.result;
  for (const name of wb.shown) {
    const c = wb.byName.get(name);
    if (!c) continue;
    const box = el('div', undefined, 'xchart');
    box.dataset.col = c.name;
    const head = el('div', undefined, 'xhead');
    head.append(el('b', c.label));
    if (wb.filter.ranges[name] || wb.filter.values[name]) {
      const clr = el('button', 'clear', 'small xclear');
      clr.onclick = () => wb.clearColumn(name);
      head.append(clr);
    }
    const rm = el('button', '×', 'small xremove');
    rm.title = 'remove this chart';
    rm.onclick = () => wb.setShown(wb.shown.filter((n) => n !== name));
    head.append(rm);
    box.append(head);
    const filtered = res?.charts[name] ?? c.total;
    box.append(c.kind === 'number' || c.kind === 'date' ? histogram(wb, c, filtered) : bars(wb, c, filtered));
    root.append(box);
  }
  addPicker(wb, root);
}

// A histogram: grey unfiltered bins, blue filtered ones, the brushed range outlined.
function histogram(wb: Workbench, c: ChartMeta, filtered: number[]): HTMLElement {
  const edges = c.edges!;
  const nb = edges.length - 1;
  const max = Math.max(1, ...c.total.slice(0, nb));
  const bw = W / nb;
  const svg = svgEl('svg', {viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'hist'}) as SVGSVGElement;
  svg.dataset.col = c.name;
  for (let i = 0; i < nb; i++) {
    const th = (c.total[i] / max) * H, fh = (filtered[i] / max) * H;
    svg.append(svgEl('rect', {x: i * bw + 0.5, y: H - th, width: bw - 1, height: th, class: 'tot'}));
    const r = svgEl('rect', {x: i * bw + 0.5, y: H - fh, width: bw - 1, height: fh, class: 'sel'});
    const t = document.createElementNS(NS, 'title');
    t.textContent = `${fmt(c, edges[i])} … ${fmt(c, edges[i + 1])}: ${filtered[i].toLocaleString()} / ${c.total[i].toLocaleString()}`;
    r.append(t);
    svg.append(r);
  }
  const rg = wb.filter.ranges[c.name];
  const brush = svgEl('rect', {x: 0, y: 0, width: 0, height: H, class: 'brush'});
  const place = (a: number, b: number) => { brush.setAttribute('x', String(a * bw)); brush.setAttribute('width', String((b - a + 1) * bw)); };
  if (rg) {
    const a = edges.findIndex((e) => e >= rg[0]);
    let b = edges.findIndex((e) => e >= rg[1]) - 1;
    if (b < 0) b = nb - 1;
    place(Math.max(0, a), Math.max(a, b));
  }
  svg.append(brush);
  brushable(svg, nb, place, (a, b) => wb.brush(c.name, edges[a], edges[b + 1]));
  const wrap = el('div', undefined, 'xbody');
  const axis = el('div', undefined, 'axis');
  axis.append(el('span', fmt(c, edges[0])), el('span', c.log ? 'log scale' : ''), el('span', fmt(c, edges[nb])));
  wrap.append(svg, axis);
  const miss = c.total[nb] ?? 0;
  if (miss) wrap.append(el('div', `missing: ${(filtered[nb] ?? 0).toLocaleString()} / ${miss.toLocaleString()}`, 'axis'));
  return wrap;
}

// Drag across bins to brush them (a click brushes one bin); the range snaps to bin edges.
function brushable(svg: SVGSVGElement, nb: number, place: (a: number, b: number) => void, done: (a: number, b: number) => void) {
  let start = -1, cur = -1;
  const bin = (ev: PointerEvent) => {
    const r = svg.getBoundingClientRect();
    return Math.max(0, Math.min(nb - 1, Math.floor(((ev.clientX - r.left) / r.width) * nb)));
  };
  svg.addEventListener('pointerdown', (ev) => { start = cur = bin(ev); svg.setPointerCapture(ev.pointerId); place(start, start); });
  svg.addEventListener('pointermove', (ev) => {
    if (start < 0) return;
    cur = bin(ev);
    place(Math.min(start, cur), Math.max(start, cur));
  });
  svg.addEventListener('pointerup', () => {
    if (start < 0) return;
    const a = Math.min(start, cur), b = Math.max(start, cur);
    start = -1;
    done(a, b);
  });
}

// Bars for categories, list items and topics: click to add or remove a bar from the filter.
function bars(wb: Workbench, c: ChartMeta, filtered: number[]): HTMLElement {
  const wrap = el('div', undefined, 'xbody bars');
  const cats = c.categories!;
  const max = Math.max(1, ...c.total);
  const picked = wb.filter.values[c.name] || [];
  const open = wb.expanded.has(c.name);
  const present = cats.map((_, i) => i).filter((i) => c.total[i] > 0);
  const few = open ? present : present.filter((i, k) => k < BARS || picked.includes(cats[i]));
  cats.forEach((cat, i) => {
    if (!few.includes(i)) return;
    const row = el('div', undefined, 'bar');
    row.dataset.value = cat;
    if (picked.includes(cat)) row.classList.add('on');
    const label = c.labels?.[cat] ?? cat;
    const track = el('div', undefined, 'track');
    const tot = el('div', undefined, 'tot');
    tot.style.width = `${(100 * c.total[i]) / max}%`;
    const sel = el('div', undefined, 'sel');
    sel.style.width = `${(100 * filtered[i]) / max}%`;
    track.append(tot, sel, el('span', label, 'lab'));
    row.append(track, el('span', `${filtered[i].toLocaleString()} / ${c.total[i].toLocaleString()}`, 'num'));
    row.title = `${label}: click to filter (click more bars to add them)`;
    row.onclick = () => wb.toggleValue(c.name, cat, false);
    wrap.append(row);
  });
  if (present.length > BARS) {
    const more = el('button', open ? 'fewer' : `+ ${present.length - few.length} more`, 'small xmore');
    more.onclick = () => { if (open) wb.expanded.delete(c.name); else wb.expanded.add(c.name); renderCharts(wb); };
    wrap.append(more);
  }
  return wrap;
}

function addPicker(wb: Workbench, root: HTMLElement) {
  const hidden = wb.meta.columns.filter((c) => !wb.shown.includes(c.name));
  if (!hidden.length) return;
  const sel = el('select');
  sel.id = 'xf-add';
  const first = el('option', '+ add a chart…');
  first.value = '';
  sel.append(first);
  for (const c of hidden) { const o = el('option', c.label); o.value = c.name; sel.append(o); }
  sel.onchange = () => { if (sel.value) wb.setShown([...wb.shown, sel.value]); };
  root.append(sel);
}
