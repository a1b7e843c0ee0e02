// Curation in the web map: an "outlier score" colour mode and "find more like this tag".
//
// The outlier colour is one byte per point (its score's percentile, 0..100) fetched once
// from the server and joined to each tile by row number, so tiles need no extra column.
// "similar" on a tag asks the server's classifier for untagged points that belong with
// it, highlights them on the map, and "accept" adds them through the ordinary tag write.
import {ScatterplotLayer} from '@deck.gl/layers';
import type {Layer} from '@deck.gl/core';
import {getJSON, postJSON} from './api';
import type {Hit, MapApi, MapInfo} from './api';

export const OUTLIER_COLUMN = 'outlier_score';
const S = 1000;   // world units per map side (as main.ts)

export interface CurationHost {
  colourBy: string;
  destroyed: boolean;
  update(): void;
  renderPanelHome(): void | Promise<void>;
  hitList(root: HTMLElement, hits: Hit[]): void;
  loadTags(): Promise<void>;
  showTag(name: string): Promise<void>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

export class Curation {
  percentiles: Uint8Array | null = null;
  topOutliers: Hit[] | null = null;
  suggestions: {tag: string; hits: Hit[]; accepted?: number} | null = null;
  busy = false;

  constructor(private api: MapApi, private info: MapInfo, private host: CurationHost) {}

  // Adds the "outlier score" colour column when this version has scores (before the
  // colour menu is built and before any tile loads).
  async init(): Promise<void> {
    if (!(this.info as any).outliers || !this.info.tiles) return;
    try {
      const r = await fetch(`${this.api.base}/outliers/percentile.bin`);
      if (!r.ok) return;
      this.percentiles = new Uint8Array(await r.arrayBuffer());
    } catch { return; }
    if (!this.info.tiles.columns.some((c) => c.name === OUTLIER_COLUMN)) {
      this.info.tiles.columns.push({name: OUTLIER_COLUMN, kind: 'numeric', source: 'outlier score', extent: [0, 100]});
    }
    (window as any).__datamap.outliers = {points: this.percentiles.length};
    // the side panel lists the most outlying points while that colour is on
    // (after the map's own handler, registered later, has switched the colour)
    document.getElementById('colour')?.addEventListener('change', () => window.setTimeout(() => {
      if (!this.host.destroyed) this.host.renderPanelHome();
    }, 0));
  }

  // Per-tile values of the outlier column, looked up by the tile's row numbers.
  fill(rows: ArrayLike<number>, cols: Record<string, ArrayLike<number>>) {
    const p = this.percentiles;
    if (!p) return;
    const v = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) v[i] = p[rows[i]] ?? 0;
    cols[OUTLIER_COLUMN] = v;
  }

  // A "similar" button on a tag's entry in the side panel.
  tagControls(item: HTMLElement, tag: string, derived = false) {
    if (derived) return;   // derived tags (duplicates) cannot take new members
    const b = el('button', 'similar', 'small');
    b.title = 'find more points like this tag';
    b.dataset.tag = tag;
    b.classList.add('suggest-btn');
    b.onclick = (ev) => { ev.stopPropagation(); this.suggest(tag); };
    item.append(' ', b);
  }

  async suggest(tag: string, k = 100) {
    if (this.busy) return;
    this.busy = true;
    const hooks = (window as any).__datamap;
    try {
      const r = await getJSON<{hits: Hit[]}>(`${this.api.base}/tags/${encodeURIComponent(tag)}/suggest?k=${k}`);
      this.suggestions = {tag, hits: r.hits};
      hooks.suggestions = {tag, count: r.hits.length, rows: r.hits.map((h) => h.row)};
      await this.host.showTag(tag);
    } catch (e) {
      this.suggestions = null;
      hooks.suggestions = {tag, error: String(e)};
    } finally { this.busy = false; }
    this.host.update();
    await this.host.renderPanelHome();
  }

  async accept() {
    const s = this.suggestions;
    if (!s || !s.hits.length) return;
    const r = await postJSON<{name: string; count: number; changed: number}>(
      `${this.api.base}/tags/${encodeURIComponent(s.tag)}`, {rows: s.hits.map((h) => h.row), op: 'add'});
    (window as any).__datamap.accepted = r;
    this.suggestions = null;
    await this.host.loadTags();
    await this.host.showTag(s.tag);
    await this.host.renderPanelHome();
  }

  clear() { this.suggestions = null; this.host.update(); this.host.renderPanelHome(); }

  // Side-panel sections: the most outlying points (outlier colour on) and suggestions.
  panel(root: HTMLElement) {
    if (this.percentiles && this.host.colourBy === OUTLIER_COLUMN) this.outlierPanel(root);
    this.suggestionPanel(root);
  }

  outlierPanel(root: HTMLElement) {
    const box = el('div'); box.id = 'top-outliers';
    box.append(el('h3', 'Most outlying points'));
    root.append(box);
    const fill = (hits: Hit[]) => {
      const list = el('div');
      this.host.hitList(list, hits);
      box.append(list);
    };
    if (this.topOutliers) { fill(this.topOutliers); return; }
    getJSON<{hits: Hit[]}>(`${this.api.base}/outliers/top?n=20`).then((r) => {
      this.topOutliers = r.hits;
      (window as any).__datamap.topOutliers = r.hits.map((h) => h.id);
      fill(r.hits);
    }).catch((e) => box.append(el('div', String(e))));
  }

  suggestionPanel(root: HTMLElement) {
    const s = this.suggestions;
    if (!s) return;
    const box = el('div'); box.id = 'suggestions';
    box.append(el('h3', `Like "${s.tag}": ${s.hits.length} suggestions`));
    const accept = el('button', `accept all ${s.hits.length}`); accept.id = 'suggest-accept';
    accept.onclick = () => this.accept().catch((e) => {
      (window as any).__datamap.accepted = {error: String(e)};
      box.append(el('div', String(e)));
    });
    const clear = el('button', 'dismiss'); clear.type = 'button';
    clear.onclick = () => this.clear();
    box.append(accept, clear);
    const list = el('div');
    this.host.hitList(list, s.hits);
    box.append(list);
    root.append(box);
  }

  layers(radius: number): Layer[] {
    const s = this.suggestions;
    if (!s || !s.hits.length) return [];
    return [new ScatterplotLayer<Hit>({
      id: 'suggestions', data: s.hits, radiusUnits: 'pixels', getRadius: radius + 3,
      getPosition: (h) => [h.x * S, (1 - h.y) * S], getFillColor: [0, 200, 120, 230], stroked: true,
      getLineColor: [0, 70, 40, 255], lineWidthUnits: 'pixels', getLineWidth: 1.5,
    })];
  }
}
