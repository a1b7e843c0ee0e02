// datamap web map: catalog page + a streamed quadtree scatter map rendered by deck.gl (WebGL2).
//
// This file only routes: `#/map/<dataset>/<version>?<state>` opens a MapView (mapview.ts),
// `#/ops` and `#/ops/<dataset>` the ops pages (ops.ts, charts.ts), anything else shows
// the catalog (catalog.ts). The map's parts live beside it: tiles.ts
// (what to load), paint.ts and layers.ts (what deck.gl draws), legend.ts, tooltip.ts,
// record.ts, panel.ts, search.ts, selection.ts, header.ts, urlstate.ts; plus the
// optional projections.ts, images.ts and curation.ts.
import {$} from './dom';
import {showError} from './hooks';
import {showCatalog} from './catalog';
import {MapView} from './mapview';
import {showOpsDataset, showOpsError, showOpsOverview} from './ops';

interface Route { dataset?: string; version?: string; ops?: string; params: URLSearchParams; }
function parseHash(): Route {
  const h = location.hash.replace(/^#/, '');
  const [path, query] = h.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || '');
  if (parts[0] === 'map' && parts.length >= 3) return {dataset: parts[1], version: parts[2], params};
  if (parts[0] === 'ops') return {ops: parts[1] ?? '', params};
  return {params};
}

let current: MapView | null = null;
async function route() {
  const r = parseHash();
  if (r.dataset && r.version) {
    if (current && current.api.dataset === r.dataset && current.api.version === r.version) return;
    current?.destroy();
    $('catalog').hidden = true;
    $('ops').hidden = true;
    $('mapview').hidden = false;
    current = new MapView(r.dataset, r.version, r.params);
    try { await current.start(); } catch (e) { showError(e); }
  } else {
    current?.destroy();
    current = null;
    $('mapview').hidden = true;
    $('catalog').hidden = r.ops !== undefined;
    $('ops').hidden = r.ops === undefined;
    for (const id of ['version', 'searchform', 'tools']) $(id).style.visibility = 'hidden';
    $('colour').parentElement!.style.visibility = 'hidden';
    $('title').textContent = '';
    if (r.ops === undefined) await showCatalog();
    else await (r.ops ? showOpsDataset(r.ops) : showOpsOverview()).catch(showOpsError);
  }
}

window.addEventListener('hashchange', route);
route();
