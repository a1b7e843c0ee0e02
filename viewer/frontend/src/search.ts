// Search from the header box: hits are drawn on the map (in the layout on screen) and
// listed in the panel; an empty query clears them.
import {$} from './dom';
import {hooks, showError} from './hooks';
import type {MapView} from './mapview';

export async function runSearch(v: MapView) {
  const q = ($('q') as HTMLInputElement).value.trim();
  const mode = ($('mode') as HTMLSelectElement).value;
  if (!q) { v.hits = []; v.panelState.search = undefined; v.update(); v.renderPanelHome(); v.sourcesChanged(); return; }
  $('status').textContent = 'searching…';
  try {
    const r = await v.api.search(q, mode, 100);
    v.hits = await v.proj.remapHits(r.hits);
    v.panelState.search = {q, total: r.total, exact: r.exact !== false};
    $('status').textContent = `${r.hits.length} hits`;
    hooks.lastSearch = r;
  } catch (e) { showError(e); }
  v.update();
  v.saveUrl();
  v.renderPanelHome();
  v.sourcesChanged();
}
