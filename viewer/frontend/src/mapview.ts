// One map on screen: the state every part of the page shares, and start-up.
//
// The work lives in modules by concern (tiles.ts, paint.ts, layers.ts, legend.ts,
// tooltip.ts, record.ts, panel.ts, search.ts, selection.ts, header.ts, urlstate.ts); the
// methods here hand over to them. They stay methods because projections.ts, images.ts,
// curation.ts and the browser tests (window.__datamap.view) call them on the view.
import {Deck, OrthographicView} from '@deck.gl/core';
import type {PickingInfo} from '@deck.gl/core';
import {MapApi} from './api';
import type {ColumnMeta, Hit, MapInfo} from './api';
import type {RGBA} from './colours';
import {Curation} from './curation';
import {$} from './dom';
import {setTool, setupHeader} from './header';
import type {Tool} from './header';
import {hooks} from './hooks';
import {render} from './layers';
import {placeLabels, type PlacedLabel} from './labelplace';
import {renderLegend} from './legend';
import {colourOf} from './paint';
import {loadTags, renderPanelHome, showTag} from './panel';
import type {PanelState} from './panel';
import {Projections} from './projections';
import {hitList, openRecord} from './record';
import {runSearch} from './search';
import {selectPolygon, setupSelection} from './selection';
import {evict, loadTile, pointCount, visibleRect, viewport, wantedTiles} from './tiles';
import type {Tile} from './tiles';
import {onClick, onHover, rowOf} from './tooltip';
import {initialViewState, readUrlState, replayUrlState, saveUrl, urlParams} from './urlstate';
import {S} from './world';
import {Workbench} from './workbench';

export class MapView {
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
  tool: Tool = 'pan';
  rootP: Promise<any> | null = null;
  hoverTimer = 0;
  previewCache = new Map<number, any>();
  urlTimer = 0;
  destroyed = false;
  curation: Curation | null = null;   // outlier colours, "similar" on tags (curation.ts)
  onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') this.setTool('pan'); };
  panelState: PanelState = {};        // what the side panel's home shows (panel.ts)
  wb: Workbench | null = null;        // charts, cross-filter and table beside the map (workbench.ts)
  frameWaiters: (() => void)[] = [];

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
    this.viewState = initialViewState(p);
    const deckLoaded = this.createDeck(t0);
    this.info = await infoP;
    if (!this.info.tiles) throw new Error('this version has no tiles: rebuild it with the tiles stage');
    this.curation = new Curation(this.api, this.info, this);
    await this.curation.init();
    this.setupHeader();
    await this.proj.setup(document.getElementById('projection') as HTMLSelectElement | null, p.get('proj'));
    readUrlState(this, p);
    // the charts' columns are profiled on the server when a version is first opened (seconds
    // at 1M rows): the first points never wait for them
    this.wb = new Workbench(this);
    const wbReady = this.wb.init(p);
    await deckLoaded;
    (window as any).__datamap.view = this;
    this.setupSelection();
    window.addEventListener('keydown', this.onKey);
    this.renderLegend();
    this.renderPanelHome();
    this.update();
    replayUrlState(this, p);
    await wbReady;
    await this.wb.refresh();
    hooks.ready = true;
  }

  // The deck.gl canvas; resolves once WebGL is up. Records when points first showed.
  createDeck(t0: number): Promise<void> {
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
        for (const f of this.frameWaiters.splice(0)) f();
        if (hooks.firstPointsMs === null && this.pointCount() > 0) {
          hooks.firstPointsMs = performance.now();
          hooks.firstPointsSinceStart = performance.now() - t0;
        }
      },
      layers: [],
    });
    return deckLoaded;
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

  // Load what the view needs, drop what the budget cannot keep, draw what is loaded.
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

  recolour() { this.colourStamp++; this.update(); }

  // Resolves once deck.gl has drawn a frame after this call (the bench's "repainted").
  nextFrame(): Promise<void> {
    return new Promise((res) => { this.frameWaiters.push(res); this.deck.redraw('workbench'); });
  }

  // The lasso, search hits or shown tag changed: if it filters, the workbench recounts.
  sourcesChanged() { if (this.wb && (this.wb.filter.sel || this.wb.filter.search || this.wb.filter.tag)) this.wb.refresh(); else if (this.wb) this.wb.refreshActions(); }

  flyTo(x: number, y: number) {
    const zoom = Math.max(this.viewState.zoom, Math.log2(($('map').clientWidth || 800) / S) + 3);
    this.viewState = {...this.viewState, target: [x * S, (1 - y) * S, 0], zoom, transitionDuration: 300};
    this.deck.setProps({initialViewState: this.viewState});
    this.update();
    this.saveUrl();
  }

  // for tests: where on the page is a loaded point (by tile and index)?
  screenOf(x: number, y: number): number[] {
    const vp = this.deck.getViewports()[0];
    const r = $('map').getBoundingClientRect();
    const [sx, sy] = vp.project([x * S, (1 - y) * S]);
    return [sx + r.left, sy + r.top];
  }

  // ---- handed over to the modules by concern ------------------------------------------------
  setupHeader() { setupHeader(this); }
  setTool(t: Tool) { setTool(this, t); }
  viewport() { return viewport(this); }
  visibleRect(): [number, number, number, number] { return visibleRect(this); }
  wantedTiles(): string[] { return wantedTiles(this); }
  load(key: string) { return loadTile(this, key); }
  evict(keep: Set<string>) { evict(this, keep); }
  pointCount(): number { return pointCount(this); }
  colourOf(code: number, c: ColumnMeta | undefined): RGBA { return colourOf(code, c); }
  render(want: string[]) { render(this, want); }
  labels(): PlacedLabel[] { return placeLabels(this); }
  renderLegend() { renderLegend(this); }
  rowOf(info: PickingInfo): number | null { return rowOf(this, info); }
  onHover(info: PickingInfo) { onHover(this, info); }
  onClick(info: PickingInfo) { onClick(this, info); }
  openRecord(row: number) { return openRecord(this, row); }
  hitList(root: HTMLElement, hits: Hit[]) { hitList(this, root, hits); }
  renderPanelHome() { return renderPanelHome(this); }
  loadTags() { return loadTags(this); }
  showTag(name: string) { return showTag(this, name); }
  runSearch() { return runSearch(this); }
  setupSelection() { setupSelection(this); }
  selectPolygon(poly: number[][]) { return selectPolygon(this, poly); }
  urlParams(): Record<string, string> { return urlParams(this); }
  saveUrl() { saveUrl(this); }
}
