// The map's state in the URL hash (`#/map/<dataset>/<version>?view=…&colour=…`), so a
// view can be shared or reloaded as it was: view, colour, filter, layout, selection,
// search and shown tag.
import {$} from './dom';
import type {MapView} from './mapview';
import {S} from './world';

// Where the map starts: the whole box fitted to the page, unless the URL has a view.
export function initialViewState(p: URLSearchParams): any {
  const [w, h] = [$('map').clientWidth || 800, $('map').clientHeight || 600];
  const z0 = Math.log2(Math.min(w, h) / S * 0.92);
  let viewState: any = {target: [S / 2, S / 2, 0], zoom: z0, minZoom: z0 - 2, maxZoom: z0 + 16};
  const v = (p.get('view') || '').split(',').map(Number);
  if (v.length === 3 && v.every(Number.isFinite)) viewState = {...viewState, target: [v[0] * S, (1 - v[1]) * S, 0], zoom: v[2]};
  return viewState;
}

// Colour, filter and selection polygon, read once the map info is in (they name its fields).
export function readUrlState(v: MapView, p: URLSearchParams) {
  v.colourBy = p.get('colour') || v.defaultColour();
  ($('colour') as HTMLSelectElement).value = v.colourBy;
  const f = p.get('filter');
  if (f) v.filterSet = new Set(f.split(',').map(Number));
  const sel = p.get('sel');
  if (sel) v.selection = sel.split(';').map((q) => q.split(',').map(Number));
}

// What needs the server again once the map is drawn: the search, the tag, the selection.
export function replayUrlState(v: MapView, p: URLSearchParams) {
  const q = p.get('q');
  if (q) {
    ($('q') as HTMLInputElement).value = q;
    ($('mode') as HTMLSelectElement).value = p.get('mode') || 'semantic';
    v.runSearch();
  }
  const tag = p.get('tag');
  if (tag) v.showTag(tag);
  if (v.selection) v.selectPolygon(v.selection);
}

export function urlParams(v: MapView): Record<string, string> {
  const vs = v.viewState;
  const p: Record<string, string> = {
    view: `${(vs.target[0] / S).toFixed(5)},${(1 - vs.target[1] / S).toFixed(5)},${vs.zoom.toFixed(3)}`,
    colour: v.colourBy,
    ...(v.proj.current !== v.proj.main ? {proj: v.proj.current} : {}),
  };
  if (v.filterSet) p.filter = [...v.filterSet].join(',');
  if (v.selection) p.sel = v.selection.map((q) => q.join(',')).join(';');
  const q = ($('q') as HTMLInputElement).value.trim();
  if (q && v.panelState.search) { p.q = q; p.mode = ($('mode') as HTMLSelectElement).value; }
  const tag = v.params.get('tag');
  if (tag) p.tag = tag;
  v.wb?.meta && v.wb.urlParams(p);
  return p;
}

// Debounced, and replaceState rather than a new history entry per pan.
export function saveUrl(v: MapView) {
  window.clearTimeout(v.urlTimer);
  v.urlTimer = window.setTimeout(() => {
    if (v.destroyed) return;
    const p = new URLSearchParams(v.urlParams());
    const h = `#/map/${encodeURIComponent(v.info.dataset)}/${encodeURIComponent(v.info.version)}?${p}`;
    history.replaceState(null, '', h);
  }, 250);
}
