// Several layouts of one map (UMAP, t-SNE, PCA): switch between them and keep the selection.
//
// Each layout has its own quadtree of tiles (a tile set is spatial, so sharing one across
// layouts would load the wrong points when zoomed in). A selection is a polygon in the
// coordinates of the layout it was drawn in; after a switch the server turns it into rows
// and tells us where those rows sit in the new layout, and we draw them there.
import {ScatterplotLayer} from '@deck.gl/layers';
import type {Layer} from '@deck.gl/core';
import {postJSON} from './api';
import type {Hit, TilesIndex} from './api';

export interface ProjectionsInfo { main: string; names: string[]; tiles: Record<string, TilesIndex>; }

const hooks = () => (window as any).__datamap;

export class Projections {
  main = 'umap';
  current = 'umap';
  selProjection = 'umap';                 // layout the selection polygon was drawn in
  selPoints: {x: number[]; y: number[]} | null = null;
  mainTiles: TilesIndex | null = null;
  info: ProjectionsInfo | null = null;

  constructor(private view: any) {}

  // called once the map info is in; adds the layout picker when there is a choice
  setup(select: HTMLSelectElement | null, wanted: string | null) {
    const v = this.view;
    this.info = (v.info as any).projections || null;
    this.mainTiles = v.info.tiles;
    this.main = this.current = this.selProjection = this.info?.main || 'umap';
    const names = this.info ? this.info.names.filter((n) => n === this.main || n in this.info!.tiles) : [];
    if (select) {
      const label = select.parentElement as HTMLElement;
      label.style.display = names.length > 1 ? '' : 'none';
      select.replaceChildren(...names.map((n) => {
        const o = document.createElement('option');
        o.value = n; o.textContent = n === this.main ? `${n} (main)` : n;
        return o;
      }));
      select.value = this.main;
      select.onchange = () => { this.switchTo(select.value); };
    }
    hooks().projection = this.current;
    if (wanted && wanted !== this.main && names.includes(wanted)) {
      if (select) select.value = wanted;
      return this.switchTo(wanted);
    }
    return Promise.resolve();
  }

  private url(name: string, what: string) {
    return `${this.view.api.base}/projections/${encodeURIComponent(name)}/${what}`;
  }

  async switchTo(name: string) {
    const v = this.view;
    if (name === this.current || !this.info) return;
    const idx = name === this.main ? this.mainTiles : this.info.tiles[name];
    if (!idx) throw new Error(`this version has no tiles for the ${name} layout`);
    this.current = name;
    v.api.tilePrefix = name === this.main ? '' : `projections/${encodeURIComponent(name)}/`;
    v.info.tiles = idx;
    v.tileGen++;                      // tiles still in flight belong to the old layout
    v.tiles.clear();
    v.loading.clear();
    v.rootP = null;
    await Promise.all([this.refreshSelection(), this.remapHits()]);
    if (v.tagHighlight && v.tagHighlight.rows) v.tagHighlight = await this.remapTag(v.tagHighlight);
    hooks().projection = name;
    v.update();
    v.saveUrl();
  }

  // rows of the current selection, and where they sit in the layout on screen
  async refreshSelection() {
    const v = this.view;
    this.selPoints = null;
    if (!v.selection || this.selProjection === this.current) { hooks().selectionShown = null; return; }
    const sel = await postJSON<{count: number; rows: number[]}>(this.url(this.selProjection, 'select'),
      {polygon: v.selection, limit: 1_000_000});
    this.selPoints = await this.positions(sel.rows);
    hooks().selectionShown = {projection: this.current, rows: sel.rows, ...this.selPoints};
  }

  positions(rows: number[]) {
    return postJSON<{x: number[]; y: number[]}>(this.url(this.current, 'positions'), {rows});
  }

  // a new polygon is in the coordinates of the layout on screen
  async select(polygon: number[][]): Promise<{count: number; rows: number[]}> {
    this.selProjection = this.current;
    this.selPoints = null;
    hooks().selectionShown = null;
    if (this.current === this.main) return this.view.api.select(polygon);
    return postJSON(this.url(this.current, 'select'), {polygon, limit: 0});
  }

  // what a tag edit sends for the selection: the polygon, or its rows when it was drawn
  // in another layout than the one tags' polygons are resolved in (the main one)
  async tagBody(op: string): Promise<any> {
    const v = this.view;
    if (this.selProjection === this.main) return {polygon: v.selection, op};
    const sel = await postJSON<{rows: number[]}>(this.url(this.selProjection, 'select'),
      {polygon: v.selection, limit: 1_000_000});
    return {rows: sel.rows, op};
  }

  // hits come from the server in main-layout coordinates; keep those (mainX/mainY) so a
  // switch back restores them
  async remapHits(hits?: Hit[]): Promise<Hit[]> {
    const v = this.view;
    const list: any[] = hits || v.hits;
    let out: any[];
    if (!list.length) out = list;
    else if (this.current === this.main) {
      out = list.map((h) => (h.mainX === undefined ? h : {...h, x: h.mainX, y: h.mainY}));
    } else {
      const p = await this.positions(list.map((h) => h.row));
      out = list.map((h, i) => ({...h, mainX: h.mainX ?? h.x, mainY: h.mainY ?? h.y, x: p.x[i], y: p.y[i]}));
    }
    if (!hits) v.hits = out;
    return out;
  }

  async remapTag(t: {rows: number[]; x: number[]; y: number[]}) {
    if (this.current === this.main) {
      if (!(t as any).mainX) return t;
      return {...t, x: (t as any).mainX, y: (t as any).mainY};
    }
    const p = await this.positions(t.rows);
    return {...t, x: p.x, y: p.y, mainX: (t as any).mainX || t.x, mainY: (t as any).mainY || t.y};
  }

  // the polygon outline only makes sense in the layout it was drawn in
  showOutline() { return this.selProjection === this.current; }

  layers(radius: number): Layer[] {
    const sp = this.selPoints;
    if (!sp || !sp.x.length) return [];
    const S = 1000;
    return [new ScatterplotLayer({
      id: 'selection-points', data: {length: sp.x.length}, radiusUnits: 'pixels', getRadius: radius + 1,
      getPosition: (_: any, {index}: any) => [sp.x[index] * S, (1 - sp.y[index]) * S],
      getFillColor: [230, 80, 0, 230], stroked: true, getLineColor: [90, 30, 0, 255], lineWidthUnits: 'pixels',
      getLineWidth: 1,
    } as any)];
  }
}
