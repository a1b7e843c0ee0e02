// The workbench beside the map: a chart per column, cross-filtering, a table of the
// filtered rows. This file holds the filter and talks to the server; chartpanel.ts draws
// the charts, datatable.ts the table, wbactions.ts export / tag / Python, density.ts the
// density layer of big maps.
//
// Counts come from the server (crossfilter.py), not from the tiles: tiles hold a sample
// of the map, and the counts must be exact. The answer carries the filtered rows as a
// bitmap, which paint.ts reads per point, so the map and every chart change together.
import type {Aggregate, ChartMeta, ColumnsMeta, ServerFilter} from './api';
import {renderCharts} from './chartpanel';
import {DataTable} from './datatable';
import {$} from './dom';
import {hooks, showError} from './hooks';
import type {MapView} from './mapview';

export interface XFilter {
  ranges: Record<string, [number, number]>;
  values: Record<string, string[]>;
  sel: boolean; search: boolean; tag: boolean;   // lasso / search hits / shown tag act as filters
}

export const emptyFilter = (): XFilter => ({ranges: {}, values: {}, sel: false, search: false, tag: false});

export class Workbench {
  meta!: ColumnsMeta;
  byName = new Map<string, ChartMeta>();
  shown: string[] = [];
  filter: XFilter = emptyFilter();
  result: Aggregate | null = null;
  mask: Uint8Array | null = null;          // bit r = row r passes the filter
  density: {grid: number; counts: Uint16Array} | null = null;
  table: DataTable;
  seq = 0;
  tableOpen = false;
  expanded = new Set<string>();           // bar charts showing all their bars

  constructor(public v: MapView) { this.table = new DataTable(this); }

  async init(p: URLSearchParams) {
    $('mapview').classList.add('wb-open');     // the map's size is final before its first frame
    this.meta = await this.v.api.columns();
    for (const c of this.meta.columns) this.byName.set(c.name, c);
    const xc = p.get('xc');
    this.shown = xc ? xc.split(',').filter((n) => this.byName.has(n)) : this.meta.columns.filter((c) => c.shown).map((c) => c.name);
    const xf = p.get('xf');
    if (xf) {
      try { this.filter = {...emptyFilter(), ...JSON.parse(xf)}; } catch { /* a hand-edited URL: start unfiltered */ }
    }
    this.tableOpen = p.get('table') === '1';
    this.table.setOpen(this.tableOpen);
  }

  active(): boolean {
    const f = this.filter;
    return Object.keys(f.ranges).length + Object.keys(f.values).length > 0 || this.sourcesOn();
  }

  sourcesOn(): boolean {
    const f = this.filter, v = this.v;
    return (f.sel && !!v.selection) || (f.search && v.hits.length > 0) || (f.tag && !!v.params.get('tag'));
  }

  // The filter as the server takes it: the lasso, search hits and tag only when switched on.
  body(): ServerFilter {
    const f = this.filter, v = this.v;
    const out: ServerFilter = {ranges: f.ranges, values: f.values};
    if (f.sel && v.selection && v.proj.current === v.proj.main) out.polygon = v.selection;
    if (f.search && v.hits.length) out.rows = v.hits.map((h) => h.row);
    const tag = v.params.get('tag');
    if (f.tag && tag) out.tag = tag;
    return out;
  }

  // Ask for the counts (and bitmap) of the current filter, then repaint map, charts, table.
  // Only the newest answer is drawn; hooks.xf records brush-to-repainted time for the bench.
  async refresh() {
    if (!this.meta) return;      // still loading: init's caller refreshes once it is in
    const seq = ++this.seq;
    const t0 = performance.now();
    const big = this.meta.rows > this.meta.density_rows;
    let res: Aggregate;
    try { res = await this.v.api.aggregate(this.body(), true, big); } catch (e) { showError(e); return; }
    if (seq !== this.seq || this.v.destroyed) return;
    const t1 = performance.now();
    this.result = res;
    this.mask = res.mask ? decode(res.mask) : null;
    this.density = res.density ? {grid: res.density.grid, counts: new Uint16Array(decode(res.density.counts).buffer)} : null;
    this.v.recolour();
    renderCharts(this);
    this.table.reset();
    this.v.saveUrl();
    const t2 = performance.now();
    await this.v.nextFrame();
    const t3 = performance.now();
    hooks.xf = {seq: (hooks.xf?.seq ?? 0) + 1, ms: t3 - t0, fetchMs: t1 - t0, applyMs: t2 - t1, frameMs: t3 - t2,
      count: res.count, filter: this.body()};
  }

  brush(name: string, lo: number, hi: number) { this.filter.ranges[name] = [lo, hi]; this.refresh(); }

  toggleValue(name: string, value: string, only: boolean) {
    const cur = this.filter.values[name] || [];
    let next = only ? [value] : cur.includes(value) ? cur.filter((x) => x !== value) : [...cur, value];
    if (only && cur.length === 1 && cur[0] === value) next = [];
    if (next.length) this.filter.values[name] = next; else delete this.filter.values[name];
    this.refresh();
  }

  clearColumn(name: string) { delete this.filter.ranges[name]; delete this.filter.values[name]; this.refresh(); }

  refreshActions() { if (this.meta) renderCharts(this); }

  clear() { this.filter = emptyFilter(); this.refresh(); }

  setShown(names: string[]) { this.shown = names; renderCharts(this); this.v.saveUrl(); }

  passes(row: number): boolean { return !this.mask || (this.mask[row >> 3] & (1 << (row & 7))) !== 0; }

  urlParams(p: Record<string, string>) {
    if (this.active() || this.filter.sel || this.filter.search || this.filter.tag) p.xf = JSON.stringify(this.filter);
    const dflt = this.meta.columns.filter((c) => c.shown).map((c) => c.name).join(',');
    if (this.shown.join(',') !== dflt) p.xc = this.shown.join(',');
    if (this.tableOpen) p.table = '1';
  }
}

function decode(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
