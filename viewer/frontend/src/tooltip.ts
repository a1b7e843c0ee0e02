// Hover and click on points: which row is under the pointer, and the hover tooltip.
import type {PickingInfo} from '@deck.gl/core';
import {$, el} from './dom';
import {tooltipImage} from './images';
import type {MapView} from './mapview';

// The data row of a picked object, whatever layer drew it (tile dot, search hit, thumbnail).
export function rowOf(v: MapView, info: PickingInfo): number | null {
  if (!info.layer || info.index < 0) return null;
  const id = info.layer.id;
  if (id === 'hits') return v.hits[info.index]?.row ?? null;
  if (id.startsWith('tile-')) return v.tiles.get(id.slice(5))?.rows[info.index] ?? null;
  if (id.startsWith('thumbs-')) return (info.object as any)?.row ?? null;
  return null;
}

// The tooltip shows a record preview fetched after a short pause (previews are cached).
export function onHover(v: MapView, info: PickingInfo) {
  const tip = $('tooltip');
  const row = v.rowOf(info);
  window.clearTimeout(v.hoverTimer);
  // a record fetched for an earlier hover may arrive after the pointer moved on: only the
  // newest hover may fill the tooltip, or it would name a point other than the one a click opens
  const seq = ++v.hoverSeq;
  v.wb?.table.highlight(row);
  if (row === null) { tip.hidden = true; return; }
  const show = (rec: any) => {
    tip.replaceChildren();
    const img = tooltipImage(v, row);
    if (img) tip.append(img);
    tip.append(el('div', String(rec.id), 'tid'));
    const tf = rec.text_field;
    if (tf && rec.fields[tf] != null) tip.append(el('div', String(rec.fields[tf]).slice(0, 300)));
    const extras = Object.entries(rec.fields).filter(([k, x]) => k !== tf && k !== 'id' &&
      (typeof x === 'string' || typeof x === 'number') && String(x).length < 60).slice(0, 5);
    for (const [k, x] of extras) tip.append(el('div', `${k}: ${x}`, 'tf'));
    tip.style.left = `${Math.min(info.x + 14, $('map').clientWidth - 370)}px`;
    tip.style.top = `${info.y + 14}px`;
    tip.hidden = false;
  };
  const cached = v.previewCache.get(row);
  if (cached) { show(cached); return; }
  v.hoverTimer = window.setTimeout(async () => {
    const rec = await v.api.record(row);
    v.previewCache.set(row, rec);
    if (v.previewCache.size > 500) v.previewCache.delete(v.previewCache.keys().next().value!);
    if (seq === v.hoverSeq) show(rec);
  }, 60);
}

export function onClick(v: MapView, info: PickingInfo) {
  if (v.tool !== 'pan') return;
  const row = v.rowOf(info);
  if (row !== null) v.openRecord(row);
}
