// Lasso and box selection: pointer events on the map draw a polygon in world units; on
// release it becomes a selection in map coordinates, counted by the server.
import {$} from './dom';
import {hooks} from './hooks';
import type {MapView} from './mapview';
import {S} from './world';

export function setupSelection(v: MapView) {
  const box = $('map');
  let start: number[] | null = null;
  const world = (ev: PointerEvent) => {
    const r = box.getBoundingClientRect();
    return v.deck.getViewports()[0].unproject([ev.clientX - r.left, ev.clientY - r.top]);
  };
  // capture phase: the drag is the tool's, deck.gl's controller never sees it
  box.addEventListener('pointerdown', (ev) => {
    if (v.tool === 'pan' || ev.button !== 0) return;
    ev.stopPropagation();
    start = world(ev);
    v.drawing = [start];
    box.setPointerCapture(ev.pointerId);
  }, true);
  box.addEventListener('pointermove', (ev) => {
    if (!start || !v.drawing) return;
    const p = world(ev);
    if (v.tool === 'box') v.drawing = [start, [p[0], start[1]], p, [start[0], p[1]]];
    else v.drawing.push(p);
    v.update();
  }, true);
  box.addEventListener('pointerup', () => {
    if (!start || !v.drawing) return;
    const poly = v.drawing.map(([x, y]) => [x / S, 1 - y / S]);
    start = null;
    v.drawing = null;
    if (poly.length >= 3) v.selectPolygon(poly);
    v.update();
  }, true);
}

export async function selectPolygon(v: MapView, poly: number[][]) {
  const r = Math.max(1, Math.ceil(poly.length / 200));   // keep URLs and requests small
  v.selection = poly.filter((_, i) => i % r === 0).map(([x, y]) => [+x.toFixed(5), +y.toFixed(5)]);
  const res = await v.proj.select(v.selection!);
  v.panelState.selection = {count: res.count};
  hooks.selection = {polygon: v.selection, count: res.count};
  v.saveUrl();
  v.update();
  v.renderPanelHome();
  v.sourcesChanged();
}
