// datamap web map: catalog page + a streamed quadtree scatter map rendered by deck.gl (WebGL2).
//
// Every piece of text that comes from the data is put on the page with textContent
// (never innerHTML), so a record can never inject markup or script.
import {Deck, OrthographicView} from '@deck.gl/core';
import type {Layer, PickingInfo} from '@deck.gl/core';
import {ScatterplotLayer, TextLayer, PathLayer} from '@deck.gl/layers';
import {DataFilterExtension} from '@deck.gl/extensions';
import {MapApi, getJSON} from './api';
import type {ColumnMeta, Hit, MapInfo, Topic} from './api';
import {categorical, css, DEFAULT, MISSING, ramp} from './colours';
import {Curation} from './curation';
import {Projections} from './projections';
import {thumbnailLayers, tooltipImage} from './images';
import type {RGBA} from './colours';

const S = 1000;                 // world units per map box side
const TILE_PX = 512;            // aim: one tile cell spans about this many screen pixels
const MAX_POINTS = 3_000_000;
const SINGLETON: RGBA = [215, 215, 215, 255];  // duplicate view: points without duplicates fade   // tile cache budget (points) before unseen tiles are dropped

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

// ---- test / benchmark hooks -------------------------------------------------------------
const hooks: any = {ready: false, tilesLoaded: 0, pointsLoaded: 0, firstPointsMs: null as number | null,
  error: null as string | null};
(window as any).__datamap = hooks;

// ---- routing --------------------------------------------------------------------------------
interface Route { dataset?: string; version?: string; params: URLSearchParams; }
function parseHash(): Route {
  const h = location.hash.replace(/^#/, '');
  const [path, query] = h.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || '');
  if (parts[0] === 'map' && parts.length >= 3) return {dataset: parts[1], version: parts[2], params};
  return {params};
}

let current: MapView | null = null;
async function route() {
  const r = parseHash();
  if (r.dataset && r.version) {
    if (current && current.api.dataset === r.dataset && current.api.version === r.version) return;
    current?.destroy();
    $('catalog').hidden = true;
    $('mapview').hidden = false;
    current = new MapView(r.dataset, r.version, r.params);
    try { await current.start(); } catch (e) { showError(e); }
  } else {
    current?.destroy();
    current = null;
    $('mapview').hidden = true;
    $('catalog').hidden = false;
    for (const id of ['version', 'searchform', 'tools']) $(id).style.visibility = 'hidden';
    $('colour').parentElement!.style.visibility = 'hidden';
    $('title').textContent = '';
    await showCatalog();
  }
}

function showError(e: unknown) {
  hooks.error = String(e);
  console.error(e instanceof Error ? e.stack : e);
  $('status').textContent = `error: ${e}`;
}

async function showCatalog() {
  const root = $('catalog');
  root.replaceChildren(el('h2', 'Maps'));
  const cat = await getJSON<any>('api/catalog');
  if (!cat.datasets.length) root.append(el('p', 'No maps in this store yet. Build one with `datamap build`.'));
  for (const d of cat.datasets) {
    root.append(el('h3', d.dataset));
    const t = el('table');
    const head = el('tr');
    for (const h of ['version', 'rows', 'built at', 'build time', 'validation', '']) head.append(el('th', h));
    t.append(head);
    for (const v of d.versions) {
      const tr = el('tr');
      const a = el('a', v.version);
      a.href = `#/map/${encodeURIComponent(d.dataset)}/${encodeURIComponent(v.version)}`;
      const td = el('td'); td.append(a); tr.append(td);
      tr.append(el('td', (v.rows ?? 0).toLocaleString()));
      tr.append(el('td', String(v.created_at ?? '').slice(0, 19).replace('T', ' ')));
      tr.append(el('td', v.build_seconds ? `${v.build_seconds.toFixed(1)} s` : ''));
      tr.append(el('td', v.validation === true ? 'passed' : v.validation === false ? 'failed' : 'unknown'));
      tr.append(el('td', v.latest ? 'latest' : ''));
      t.append(tr);
    }
    root.append(t);
  }
}

// ---- tiles ------------------------------------------------------------------------------------
interface Tile {
  key: string; z: number; n: number;
  positions: Float32Array; rows: Uint32Array;
  cols: Record<string, ArrayLike<number>>;
  colors: Uint8Array; filter: Float32Array; data: any; stamp: number; lastUsed: number;
}

function tileBounds(key: string): [number, number, number, number] {
  const [z, x, y] = key.split('/').map(Number);
  const s = 1 / (1 << z);
  return [x * s, y * s, (x + 1) * s, (y + 1) * s];
}

// ---- the map view -----------------------------------------------------------------------------
class MapView {
  api: MapApi;
  info!: MapInfo;
  deck!: Deck<OrthographicView>;
  tiles = new Map<string, Tile>();
  loading = new Set<string>();
  hoverSeq = 0;
  viewState: any;
  colourBy = 'none';
  colourStamp = 0;
  filterSet: Set<number> | null = null;
  hits: Hit[] = [];
  tagHighlight: {x: number[]; y: number[]; rows?: number[]} | null = null;
  proj = new Projections(this);         // layouts to switch between, selection kept (projections.ts)
  tileGen = 0;                          // bumped on a layout switch: late tiles of the old one are dropped
  selection: number[][] | null = null;     // polygon in map coords
  drawing: number[][] | null = null;       // polygon being drawn (world coords)
  tool: 'pan' | 'lasso' | 'box' = 'pan';
  rootP: Promise<any> | null = null;
  hoverTimer = 0;
  previewCache = new Map<number, any>();
  urlTimer = 0;
  destroyed = false;
  curation: Curation | null = null;   // outlier colours, "similar" on tags (curation.ts)
  onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') this.setTool('pan'); };

  constructor(dataset: string, version: string, public params: URLSearchParams) {
    this.api = new MapApi(dataset, version);
  }

  destroy() {
    this.destroyed = true;
    this.deck?.finalize();
    window.removeEventListener('keydown', this.onKey);
  }

  async start() {
    const t0 = performance.now();
    // the root tile always exists: fetch it alongside the map info and the WebGL start-up
    const infoP = this.api.info();
    this.rootP = this.api.tile('0/0/0').catch(() => null);
    const p = this.params;
    const [w, h] = [$('map').clientWidth || 800, $('map').clientHeight || 600];
    const z0 = Math.log2(Math.min(w, h) / S * 0.92);
    this.viewState = {target: [S / 2, S / 2, 0], zoom: z0, minZoom: z0 - 2, maxZoom: z0 + 16};
    const v = (p.get('view') || '').split(',').map(Number);
    if (v.length === 3 && v.every(Number.isFinite)) this.viewState = {...this.viewState, target: [v[0] * S, (1 - v[1]) * S, 0], zoom: v[2]};

    let loaded!: () => void;
    const deckLoaded = new Promise<void>((res) => { loaded = res; });
    this.deck = new Deck<OrthographicView>({
      onLoad: () => loaded(),
      parent: $('map') as HTMLDivElement,
      views: new OrthographicView({id: 'ortho', flipY: true}),
      initialViewState: this.viewState,
      controller: {dragPan: true, doubleClickZoom: true},
      getCursor: ({isHovering}) => (this.tool !== 'pan' ? 'crosshair' : isHovering ? 'pointer' : 'grab'),
      onViewStateChange: ({viewState}) => {
        this.viewState = viewState;
        this.update();
        this.saveUrl();
        return viewState;
      },
      onHover: (info) => this.onHover(info),
      onClick: (info) => this.onClick(info),
      onAfterRender: () => {
        if (hooks.firstPointsMs === null && this.pointCount() > 0) {
          hooks.firstPointsMs = performance.now();
          hooks.firstPointsSinceStart = performance.now() - t0;
        }
      },
      layers: [],
    });
    this.info = await infoP;
    if (!this.info.tiles) throw new Error('this version has no tiles: rebuild it with the tiles stage');
    this.curation = new Curation(this.api, this.info, this);
    await this.curation.init();
    this.setupHeader();
    await this.proj.setup(document.getElementById('projection') as HTMLSelectElement | null, p.get('proj'));
    this.colourBy = p.get('colour') || this.defaultColour();
    ($('colour') as HTMLSelectElement).value = this.colourBy;
    const f = p.get('filter');
    if (f) this.filterSet = new Set(f.split(',').map(Number));
    const sel = p.get('sel');
    if (sel) this.selection = sel.split(';').map((q) => q.split(',').map(Number));
    await deckLoaded;
    (window as any).__datamap.view = this;
    this.setupSelection();
    window.addEventListener('keydown', this.onKey);
    this.renderLegend();
    this.renderPanelHome();
    this.update();
    const q = p.get('q');
    if (q) {
      ($('q') as HTMLInputElement).value = q;
      ($('mode') as HTMLSelectElement).value = p.get('mode') || 'semantic';
      this.runSearch();
    }
    const tag = p.get('tag');
    if (tag) this.showTag(tag);
    if (this.selection) this.selectPolygon(this.selection);
    hooks.ready = true;
  }

  defaultColour(): string {
    const cols = this.info.tiles!.columns;
    if (cols.some((c) => c.name === 'topic_1')) return 'topic_1';
    const cat = cols.find((c) => c.kind === 'category');
    return cat ? cat.name : 'none';
  }

  column(): ColumnMeta | undefined {
    return this.info.tiles!.columns.find((c) => c.name === this.colourBy);
  }

  // ---- header controls ---------------------------------------------------------------------
  setupHeader() {
    for (const id of ['version', 'searchform', 'tools']) $(id).style.visibility = 'visible';
    $('colour').parentElement!.style.visibility = 'visible';
    $('title').textContent = this.info.dataset;
    const vs = $('version') as HTMLSelectElement;
    vs.replaceChildren(...this.info.versions.map((v) => { const o = el('option', v); o.value = v; return o; }));
    vs.value = this.info.version;
    vs.onchange = () => {
      const p = new URLSearchParams(this.urlParams());
      location.hash = `#/map/${encodeURIComponent(this.info.dataset)}/${encodeURIComponent(vs.value)}?${p}`;
    };
    const cs = $('colour') as HTMLSelectElement;
    const opts: HTMLOptionElement[] = [];
    const add = (value: string, label: string) => { const o = el('option', label); o.value = value; opts.push(o); };
    add('none', 'none');
    for (const c of this.info.tiles!.columns) {
      if (c.source === 'topics') add(c.name, `topic depth ${c.depth}`);
      else if (c.source === 'duplicates') add(c.name, 'duplicate clusters');
      else add(c.name, `${c.source}${c.kind === 'numeric' ? ' (number)' : ''}`);
    }
    cs.replaceChildren(...opts);
    cs.onchange = () => { this.colourBy = cs.value; this.filterSet = null; this.recolour(); this.renderLegend(); this.saveUrl(); };
    const mode = $('mode') as HTMLSelectElement;
    (mode.options[0] as HTMLOptionElement).disabled = !this.info.semantic_search;
    if (!this.info.semantic_search) mode.value = 'keyword';
    ($('searchform') as HTMLFormElement).onsubmit = (e) => { e.preventDefault(); this.runSearch(); };
    for (const t of ['pan', 'lasso', 'box'] as const) $(`tool-${t}`).onclick = () => this.setTool(t);
  }

  setTool(t: 'pan' | 'lasso' | 'box') {
    this.tool = t;
    for (const x of ['pan', 'lasso', 'box']) $(`tool-${x}`).classList.toggle('on', x === t);
    this.deck.setProps({controller: {dragPan: t === 'pan', doubleClickZoom: t === 'pan'}});
  }

  // ---- tile loading ------------------------------------------------------------------------
  viewport() {
    try { return this.deck.getViewports()[0]; } catch { return undefined; }  // before WebGL is up
  }

  visibleRect(): [number, number, number, number] {
    const vp = this.viewport();
    if (!vp) return [0, 0, 1, 1];
    const [x0, y0] = vp.unproject([0, 0]);
    const [x1, y1] = vp.unproject([vp.width, vp.height]);
    const ax = Math.min(x0, x1) / S, bx = Math.max(x0, x1) / S;
    const ay = 1 - Math.max(y0, y1) / S, by = 1 - Math.min(y0, y1) / S;
    return [ax, ay, bx, by];
  }

  targetDepth(): number {
    const px = S * Math.pow(2, this.viewState.zoom);
    return Math.max(0, Math.floor(Math.log2(px / TILE_PX) + 0.5));
  }

  wantedTiles(): string[] {
    const idx = this.info.tiles!;
    const d = Math.min(this.targetDepth(), idx.max_depth);
    const [ax, ay, bx, by] = this.visibleRect();
    const out: string[] = [];
    // walk the quadtree from the root: only children of tiles that exist and are visible
    const stack: [number, number, number][] = [[0, 0, 0]];
    while (stack.length) {
      const [z, x, y] = stack.pop()!;
      const key = `${z}/${x}/${y}`;
      const s = 1 / (1 << z);
      if (x * s > bx || (x + 1) * s < ax || y * s > by || (y + 1) * s < ay) continue;
      const exists = key in idx.tiles;
      if (exists) out.push(key);
      if (z < d && (exists || z === 0)) {
        for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) stack.push([z + 1, 2 * x + dx, 2 * y + dy]);
      }
    }
    return out.sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0]));
  }

  update() {
    if (this.destroyed || !this.deck || !this.info) return;
    const want = this.wantedTiles();
    const now = performance.now();
    for (const k of want) {
      const t = this.tiles.get(k);
      if (t) t.lastUsed = now;
      else if (!this.loading.has(k)) this.load(k);
    }
    this.evict(new Set(want));
    this.render(want);
  }

  async load(key: string) {
    this.loading.add(key);
    const gen = this.tileGen;
    try {
      const pre = key === '0/0/0' ? this.rootP : null;
      this.rootP = null;
      const table = (pre && await pre) || await this.api.tile(key);
      if (this.destroyed || gen !== this.tileGen) return;
      const n = table.numRows;
      const xs = table.getChild('x')!.toArray() as Float32Array;
      const ys = table.getChild('y')!.toArray() as Float32Array;
      const positions = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) { positions[2 * i] = xs[i] * S; positions[2 * i + 1] = (1 - ys[i]) * S; }
      const cols: Record<string, ArrayLike<number>> = {};
      for (const c of this.info.tiles!.columns) {
        const v = table.getChild(c.name);
        if (v) cols[c.name] = v.toArray() as ArrayLike<number>;
      }
      this.curation?.fill(table.getChild('row')!.toArray() as Uint32Array, cols);
      const [z] = key.split('/').map(Number);
      const tile: Tile = {key, z, n, positions, rows: table.getChild('row')!.toArray() as Uint32Array, cols,
        colors: new Uint8Array(4 * n), filter: new Float32Array(n), data: null, stamp: -1, lastUsed: performance.now()};
      this.tiles.set(key, tile);
      hooks.tilesLoaded++;
      hooks.pointsLoaded += n;
    } catch (e) {
      showError(e);
    } finally {
      this.loading.delete(key);
    }
    this.update();
  }

  evict(keep: Set<string>) {
    let total = 0;
    for (const t of this.tiles.values()) total += t.n;
    if (total <= MAX_POINTS) return;
    const old = [...this.tiles.values()].filter((t) => !keep.has(t.key)).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const t of old) {
      if (total <= MAX_POINTS) break;
      this.tiles.delete(t.key);
      total -= t.n;
    }
  }

  pointCount(): number {
    let n = 0;
    for (const t of this.tiles.values()) n += t.n;
    return n;
  }

  // ---- colour -------------------------------------------------------------------------------
  colourOf(code: number, c: ColumnMeta | undefined): RGBA {
    if (!c) return DEFAULT;
    if (c.kind === 'numeric') {
      const [lo, hi] = c.extent!;
      return ramp(hi > lo ? (code - lo) / (hi - lo) : 0.5);
    }
    if (code >= (c.categories?.length ?? 0)) return MISSING;
    if (c.source === 'duplicates' && c.categories![code] === 'singleton') return SINGLETON;
    return categorical(code);
  }

  paint(t: Tile) {
    if (t.stamp === this.colourStamp && t.data) return;
    const c = this.column();
    const v = c ? t.cols[c.name] : undefined;
    for (let i = 0; i < t.n; i++) {
      const code = v ? Number(v[i]) : 0;
      const rgba = this.colourOf(code, v ? c : undefined);
      t.colors.set(rgba, 4 * i);
      t.colors[4 * i + 3] = 200;
      t.filter[i] = !this.filterSet || (v && this.filterSet.has(code)) ? 1 : 0;
    }
    t.stamp = this.colourStamp;
    t.data = {length: t.n, attributes: {
      getPosition: {value: t.positions, size: 2},
      getFillColor: {value: t.colors, size: 4, normalized: true},
      getFilterValue: {value: t.filter, size: 1},
    }};
  }

  recolour() { this.colourStamp++; this.update(); }

  // ---- layers -------------------------------------------------------------------------------
  render(want: string[]) {
    const zoomPx = S * Math.pow(2, this.viewState.zoom);
    const radius = Math.max(1.5, Math.min(4, zoomPx / 1200));
    const layers: Layer[] = [];
    const shown = want.filter((k) => this.tiles.has(k));
    // while children load, parents already cover the region: nothing flickers
    const thumbs = thumbnailLayers(this, shown);   // image maps zoomed in: thumbnails instead of dots
    for (const k of thumbs.length ? [] : shown) {
      const t = this.tiles.get(k)!;
      this.paint(t);
      layers.push(new ScatterplotLayer({
        id: `tile-${k}`, data: t.data, pickable: true, radiusUnits: 'pixels', getRadius: radius,
        radiusMinPixels: 1, stroked: false, updateTriggers: {getFillColor: this.colourStamp},
        extensions: [new DataFilterExtension({filterSize: 1})], filterRange: [0.5, 1.5],
        autoHighlight: true, highlightColor: [255, 40, 40, 255],
      } as any));
    }
    if (this.tagHighlight) {
      const th = this.tagHighlight;
      layers.push(new ScatterplotLayer({
        id: 'tag', data: {length: th.x.length}, radiusUnits: 'pixels', getRadius: radius + 1.5,
        getPosition: (_: any, {index}: any) => [th.x[index] * S, (1 - th.y[index]) * S],
        getFillColor: [255, 150, 0, 230], stroked: true, getLineColor: [120, 60, 0, 255], lineWidthUnits: 'pixels',
        getLineWidth: 1,
      } as any));
    }
    if (this.hits.length) {
      layers.push(new ScatterplotLayer<Hit>({
        id: 'hits', data: this.hits, pickable: true, radiusUnits: 'pixels', getRadius: radius + 4,
        getPosition: (h) => [h.x * S, (1 - h.y) * S], getFillColor: [255, 0, 80, 220], stroked: true,
        getLineColor: [0, 0, 0, 255], lineWidthUnits: 'pixels', getLineWidth: 1.5,
      }));
    }
    layers.push(...thumbs, ...this.proj.layers(radius));
    if (this.curation) layers.push(...this.curation.layers(radius));
    const labels = this.labels();
    if (labels.length) {
      layers.push(new TextLayer<Topic>({
        id: 'topic-labels', data: labels, getPosition: (d) => [d.x * S, (1 - d.y) * S],
        getText: (d) => d.topic_short_description, getSize: 13, characterSet: 'auto',
        fontFamily: 'system-ui, sans-serif', fontWeight: 700, getColor: [20, 20, 20, 255],
        background: true, getBackgroundColor: [255, 255, 255, 200], backgroundPadding: [3, 1],
        updateTriggers: {getText: this.viewState.zoom},
      }));
    }
    const poly = this.drawing || (this.selection && this.proj.showOutline() ? this.selection.map(([x, y]) => [x * S, (1 - y) * S]) : null);
    if (poly && poly.length > 1) {
      layers.push(new PathLayer({
        id: 'selection', data: [{path: [...poly, poly[0]]}], getPath: (d: any) => d.path,
        getColor: [230, 80, 0, 255], widthUnits: 'pixels', getWidth: 2,
      }));
    }
    this.deck.setProps({layers});
  }

  // Labels at topic centroids for the depth that suits the zoom; greedy by size so the
  // biggest topics win and no two labels overlap on screen (hand-written: ~20 lines).
  labels(): Topic[] {
    const topics = this.info.topics;
    if (!topics || !topics.length || this.proj.current !== this.proj.main) return [];  // centroids are in the main layout
    const vp = this.viewport();
    if (!vp) return [];
    const maxDepth = Math.max(...topics.map((t) => t.depth));
    const z0 = Math.log2(Math.min(vp.width, vp.height) / S);
    const depth = Math.max(1, Math.min(maxDepth, 1 + Math.floor((this.viewState.zoom - z0) / 1.2)));
    const cand = topics.filter((t) => t.depth === depth && t.x != null).sort((a, b) => b.count - a.count);
    const boxes: number[][] = [];
    const out: Topic[] = [];
    for (const t of cand) {
      const [sx, sy] = vp.project([t.x * S, (1 - t.y) * S]);
      if (sx < 0 || sy < 0 || sx > vp.width || sy > vp.height) continue;
      const w = 7.2 * (t.topic_short_description || '').length + 8, h = 18;
      const b = [sx - w / 2, sy - h / 2, sx + w / 2, sy + h / 2];
      if (boxes.some((o) => b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1])) continue;
      boxes.push(b);
      out.push(t);
    }
    return out;
  }

  // ---- legend and filter ----------------------------------------------------------------------
  renderLegend() {
    const root = $('legend');
    const c = this.column();
    root.replaceChildren();
    if (!c) { root.hidden = true; return; }
    root.hidden = false;
    root.append(el('div', c.source === 'topics' ? `topic depth ${c.depth}` : c.source === 'duplicates' ? 'duplicate class' : c.source, 'lt'));
    if (c.kind === 'numeric') {
      const bar = el('canvas', undefined, 'ramp') as HTMLCanvasElement;
      bar.width = 200; bar.height = 10;
      const g = bar.getContext('2d')!;
      for (let i = 0; i < 200; i++) { g.fillStyle = css(ramp(i / 199)); g.fillRect(i, 0, 1, 10); }
      root.append(bar, el('div', `${c.extent![0]} … ${c.extent![1]}`));
      return;
    }
    const cats = c.categories || [];
    let entries = cats.map((v, code) => ({code, label: c.labels ? (c.labels[v] ?? v) : v}));
    if (c.source === 'topics' && this.info.topics) {
      const count = new Map(this.info.topics.map((t) => [String(t.topic_id), t.count]));
      entries.sort((a, b) => (count.get(cats[b.code]) ?? 0) - (count.get(cats[a.code]) ?? 0));
    }
    entries = entries.slice(0, 40);
    if (this.filterSet) {
      const clear = el('button', 'clear filter', 'small');
      clear.onclick = () => { this.filterSet = null; this.recolour(); this.renderLegend(); this.saveUrl(); };
      root.append(clear);
    }
    for (const e of entries) {
      const row = el('div', undefined, 'entry');
      const sw = el('span', undefined, 'sw');
      sw.style.background = css(this.colourOf(e.code, c));
      row.append(sw, el('span', e.label));
      if (this.filterSet && !this.filterSet.has(e.code)) row.classList.add('off');
      row.title = 'click: show only this value (shift-click: add/remove)';
      row.onclick = (ev) => {
        if (!this.filterSet || !ev.shiftKey) this.filterSet = new Set([e.code]);
        else if (this.filterSet.has(e.code)) this.filterSet.delete(e.code);
        else this.filterSet.add(e.code);
        this.recolour(); this.renderLegend(); this.saveUrl();
      };
      root.append(row);
    }
    if (cats.length > entries.length) root.append(el('div', `… ${cats.length - entries.length} more`));
  }

  // ---- hover and click ---------------------------------------------------------------------------
  rowOf(info: PickingInfo): number | null {
    if (!info.layer || info.index < 0) return null;
    const id = info.layer.id;
    if (id === 'hits') return this.hits[info.index]?.row ?? null;
    if (id.startsWith('tile-')) return this.tiles.get(id.slice(5))?.rows[info.index] ?? null;
    if (id.startsWith('thumbs-')) return (info.object as any)?.row ?? null;
    return null;
  }

  onHover(info: PickingInfo) {
    const tip = $('tooltip');
    const row = this.rowOf(info);
    window.clearTimeout(this.hoverTimer);
    // a record fetched for an earlier hover may arrive after the pointer moved on: only the
    // newest hover may fill the tooltip, or it would name a point other than the one a click opens
    const seq = ++this.hoverSeq;
    if (row === null) { tip.hidden = true; return; }
    const show = (rec: any) => {
      tip.replaceChildren();
      const img = tooltipImage(this, row);
      if (img) tip.append(img);
      tip.append(el('div', String(rec.id), 'tid'));
      const tf = rec.text_field;
      if (tf && rec.fields[tf] != null) tip.append(el('div', String(rec.fields[tf]).slice(0, 300)));
      const extras = Object.entries(rec.fields).filter(([k, v]) => k !== tf && k !== 'id' &&
        (typeof v === 'string' || typeof v === 'number') && String(v).length < 60).slice(0, 5);
      for (const [k, v] of extras) tip.append(el('div', `${k}: ${v}`, 'tf'));
      tip.style.left = `${Math.min(info.x + 14, $('map').clientWidth - 370)}px`;
      tip.style.top = `${info.y + 14}px`;
      tip.hidden = false;
    };
    const cached = this.previewCache.get(row);
    if (cached) { show(cached); return; }
    this.hoverTimer = window.setTimeout(async () => {
      const rec = await this.api.record(row);
      this.previewCache.set(row, rec);
      if (this.previewCache.size > 500) this.previewCache.delete(this.previewCache.keys().next().value!);
      if (seq === this.hoverSeq) show(rec);
    }, 60);
  }

  onClick(info: PickingInfo) {
    if (this.tool !== 'pan') return;
    const row = this.rowOf(info);
    if (row !== null) this.openRecord(row);
  }

  async openRecord(row: number) {
    const panel = $('panel');
    panel.replaceChildren(el('div', 'loading…'));
    const [rec, nb] = await Promise.all([this.api.record(row), this.api.neighbors(row, 10)]);
    panel.replaceChildren();
    const back = el('button', '← back', 'small');
    back.onclick = () => this.renderPanelHome();
    panel.append(back, el('h3', String(rec.id)));
    const dl = el('dl', undefined, 'rec');
    for (const [k, v] of Object.entries(rec.fields)) {
      dl.append(el('dt', k), el('dd', Array.isArray(v) ? v.join(', ') : v === null ? '—' : String(v)));
    }
    panel.append(dl);
    if (rec.duplicate_cluster) {
      panel.append(el('h3', `Duplicate cluster ${rec.duplicate_cluster.cluster_id} (${rec.duplicate_cluster.members.length})`));
      this.hitList(panel, rec.duplicate_cluster.members);
    }
    panel.append(el('h3', 'Nearest neighbours'));
    this.hitList(panel, nb.neighbors);
  }

  hitList(root: HTMLElement, hits: Hit[]) {
    for (const h of hits) {
      const item = el('div', undefined, 'item');
      item.append(el('b', String(h.id)), document.createTextNode(`  ${h.text}`));
      if (h.score !== undefined) item.title = `distance ${h.score.toFixed(3)}`;
      item.onclick = async () => {   // server positions are the main layout's: fly to the one on screen
        const [p] = await this.proj.remapHits([h]);
        this.flyTo(p.x, p.y); this.openRecord(h.row);
      };
      root.append(item);
    }
  }

  flyTo(x: number, y: number) {
    const zoom = Math.max(this.viewState.zoom, Math.log2(($('map').clientWidth || 800) / S) + 3);
    this.viewState = {...this.viewState, target: [x * S, (1 - y) * S, 0], zoom, transitionDuration: 300};
    this.deck.setProps({initialViewState: this.viewState});
    this.update();
    this.saveUrl();
  }

  // ---- side panel: search results, selection, tags --------------------------------------------------
  panelState: {search?: {q: string; total: number; exact: boolean}; selection?: {count: number}; tags?: {name: string; count: number}[]} = {};

  async renderPanelHome() {
    const panel = $('panel');
    panel.replaceChildren();
    const i = this.info;
    panel.append(el('h3', `${i.dataset} — ${i.rows.toLocaleString()} points`));
    panel.append(el('div', `version ${i.version} · model ${i.model}`));
    if (this.panelState.selection) {
      const s = this.panelState.selection;
      panel.append(el('h3', `Selection: ${s.count.toLocaleString()} points`));
      if (i.tags) {
        const form = el('form');
        const name = el('input') as HTMLInputElement;
        name.id = 'tagname'; name.placeholder = 'tag name'; name.required = true;
        name.setAttribute('list', 'taglist');
        const add = el('button', 'add to tag');
        add.id = 'tag-add';
        const rm = el('button', 'remove from tag');
        rm.type = 'button';
        const clear = el('button', 'clear');
        clear.type = 'button';
        form.append(name, add, rm, clear);
        const dl = el('datalist'); dl.id = 'taglist';
        for (const t of this.panelState.tags || []) { const o = el('option'); o.value = t.name; dl.append(o); }
        form.append(dl);
        const msg = el('div'); msg.id = 'tag-msg';
        const send = async (op: string) => {
          try {
            const r = await this.api.editTag(name.value.trim(), await this.proj.tagBody(op));
            msg.textContent = `tag ${r.name}: ${r.count.toLocaleString()} points`;
            await this.loadTags();
            this.renderPanelHome();
            (window as any).__datamap.lastTag = r;
          } catch (e) { msg.textContent = String(e); }
        };
        form.onsubmit = (e) => { e.preventDefault(); send('add'); };
        rm.onclick = () => { if (name.value.trim()) send('remove'); };
        clear.onclick = () => { this.selection = null; this.panelState.selection = undefined; this.update(); this.saveUrl(); this.renderPanelHome(); };
        panel.append(form, msg);
      }
    }
    if (this.panelState.search) {
      const s = this.panelState.search;
      panel.append(el('h3', `Search "${s.q}": ${s.total.toLocaleString()}${s.exact ? '' : '+'} hits`));
      const list = el('div'); list.id = 'hits';
      this.hitList(list, this.hits);
      panel.append(list);
    }
    this.curation?.panel(panel);
    if (i.tags) {
      if (!this.panelState.tags) await this.loadTags();
      const tags = this.panelState.tags || [];
      panel.append(el('h3', `Tags (${tags.length})`));
      for (const t of tags) {
        const item = el('div', `${t.name} (${t.count.toLocaleString()})`, 'item');
        item.onclick = () => this.showTag(t.name);
        this.curation?.tagControls(item, t.name, (t as any).derived);
        panel.append(item);
      }
      if (!tags.length) panel.append(el('div', 'Draw a lasso or box to select points, then name a tag.'));
    }
  }

  async loadTags() {
    try { this.panelState.tags = (await this.api.tags()).tags; } catch { this.panelState.tags = []; }
  }

  async showTag(name: string) {
    const t = await this.api.tag(name);
    this.tagHighlight = await this.proj.remapTag({x: t.x, y: t.y, rows: t.rows});
    this.params.set('tag', name);
    this.update();
    this.saveUrl();
  }

  async runSearch() {
    const q = ($('q') as HTMLInputElement).value.trim();
    const mode = ($('mode') as HTMLSelectElement).value;
    if (!q) { this.hits = []; this.panelState.search = undefined; this.update(); this.renderPanelHome(); return; }
    $('status').textContent = 'searching…';
    try {
      const r = await this.api.search(q, mode, 100);
      this.hits = await this.proj.remapHits(r.hits);
      this.panelState.search = {q, total: r.total, exact: r.exact !== false};
      $('status').textContent = `${r.hits.length} hits`;
      hooks.lastSearch = r;
    } catch (e) { showError(e); }
    this.update();
    this.saveUrl();
    this.renderPanelHome();
  }

  // ---- lasso / box selection ---------------------------------------------------------------------------
  setupSelection() {
    const box = $('map');
    let start: number[] | null = null;
    const world = (ev: PointerEvent) => {
      const r = box.getBoundingClientRect();
      return this.deck.getViewports()[0].unproject([ev.clientX - r.left, ev.clientY - r.top]);
    };
    box.addEventListener('pointerdown', (ev) => {
      if (this.tool === 'pan' || ev.button !== 0) return;
      ev.stopPropagation();
      start = world(ev);
      this.drawing = [start];
      box.setPointerCapture(ev.pointerId);
    }, true);
    box.addEventListener('pointermove', (ev) => {
      if (!start || !this.drawing) return;
      const p = world(ev);
      if (this.tool === 'box') this.drawing = [start, [p[0], start[1]], p, [start[0], p[1]]];
      else this.drawing.push(p);
      this.update();
    }, true);
    box.addEventListener('pointerup', () => {
      if (!start || !this.drawing) return;
      const poly = this.drawing.map(([x, y]) => [x / S, 1 - y / S]);
      start = null;
      this.drawing = null;
      if (poly.length >= 3) this.selectPolygon(poly);
      this.update();
    }, true);
  }

  async selectPolygon(poly: number[][]) {
    const r = Math.max(1, Math.ceil(poly.length / 200));   // keep URLs and requests small
    this.selection = poly.filter((_, i) => i % r === 0).map(([x, y]) => [+x.toFixed(5), +y.toFixed(5)]);
    const res = await this.proj.select(this.selection!);
    this.panelState.selection = {count: res.count};
    hooks.selection = {polygon: this.selection, count: res.count};
    this.saveUrl();
    this.update();
    this.renderPanelHome();
  }

  // ---- URL state ---------------------------------------------------------------------------------------
  urlParams(): Record<string, string> {
    const vs = this.viewState;
    const p: Record<string, string> = {
      view: `${(vs.target[0] / S).toFixed(5)},${(1 - vs.target[1] / S).toFixed(5)},${vs.zoom.toFixed(3)}`,
      colour: this.colourBy,
      ...(this.proj.current !== this.proj.main ? {proj: this.proj.current} : {}),
    };
    if (this.filterSet) p.filter = [...this.filterSet].join(',');
    if (this.selection) p.sel = this.selection.map((q) => q.join(',')).join(';');
    const q = ($('q') as HTMLInputElement).value.trim();
    if (q && this.panelState.search) { p.q = q; p.mode = ($('mode') as HTMLSelectElement).value; }
    const tag = this.params.get('tag');
    if (tag) p.tag = tag;
    return p;
  }

  saveUrl() {
    window.clearTimeout(this.urlTimer);
    this.urlTimer = window.setTimeout(() => {
      if (this.destroyed) return;
      const p = new URLSearchParams(this.urlParams());
      const h = `#/map/${encodeURIComponent(this.info.dataset)}/${encodeURIComponent(this.info.version)}?${p}`;
      history.replaceState(null, '', h);
    }, 250);
  }

  // for tests: where on the page is a loaded point (by tile and index)?
  screenOf(x: number, y: number): number[] {
    const vp = this.deck.getViewports()[0];
    const r = $('map').getBoundingClientRect();
    const [sx, sy] = vp.project([x * S, (1 - y) * S]);
    return [sx + r.left, sy + r.top];
  }
}

window.addEventListener('hashchange', route);
route();
