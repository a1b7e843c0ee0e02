// Point colours, the legend filter and the workbench's cross-filter, written into each tile's typed arrays.
//
// A tile is repainted only when the colour stamp changed since it was last painted, so
// panning never recolours tiles already on screen.
import type {ColumnMeta} from './api';
import {categorical, DEFAULT, MISSING, ramp} from './colours';
import type {RGBA} from './colours';
import type {MapView} from './mapview';
import type {Tile} from './tiles';

const SINGLETON: RGBA = [215, 215, 215, 255];  // duplicate view: points without duplicates fade

export function colourOf(code: number, c: ColumnMeta | undefined): RGBA {
  if (!c) return DEFAULT;
  if (c.kind === 'numeric') {
    const [lo, hi] = c.extent!;
    return ramp(hi > lo ? (code - lo) / (hi - lo) : 0.5);
  }
  if (code >= (c.categories?.length ?? 0)) return MISSING;
  if (c.source === 'duplicates' && c.categories![code] === 'singleton') return SINGLETON;
  return categorical(code);
}

export function paint(v: MapView, t: Tile) {
  if (t.stamp === v.colourStamp && t.data) return;
  const c = v.column();
  const col = c ? t.cols[c.name] : undefined;
  for (let i = 0; i < t.n; i++) {
    const code = col ? Number(col[i]) : 0;
    const rgba = colourOf(code, col ? c : undefined);
    t.colors.set(rgba, 4 * i);
    t.colors[4 * i + 3] = 200;
    const legendOk = !v.filterSet || (col && v.filterSet.has(code));
    t.filter[i] = legendOk && (!v.wb || v.wb.passes(t.rows[i])) ? 1 : 0;
  }
  t.stamp = v.colourStamp;
  t.data = {length: t.n, attributes: {
    getPosition: {value: t.positions, size: 2},
    getFillColor: {value: t.colors, size: 4, normalized: true},
    getFilterValue: {value: t.filter, size: 1},
  }};
}
