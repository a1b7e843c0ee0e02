// Image maps: a thumbnail in the hover tooltip, and thumbnails in place of dots once the
// view is zoomed in far enough that few points are on screen.
//
// Thumbnails come packed in atlas PNGs (tasks/thumbnails.py); a row's atlas and cell follow
// from its row number, so each atlas is one deck.gl IconLayer with a fixed icon mapping.
import {IconLayer} from '@deck.gl/layers';
import type {Layer} from '@deck.gl/core';

export interface ThumbIndex { rows: number; size: number; per_row: number; atlases: number; missing: number; }

const MAX_THUMBS = 400;    // more points than this on screen: dots
const S = 1000;

const mappings = new Map<string, Record<string, any>>();
function mappingFor(t: ThumbIndex) {
  const k = `${t.size}/${t.per_row}`;
  let m = mappings.get(k);
  if (!m) {
    m = {};
    for (let i = 0; i < t.per_row * t.per_row; i++) {
      m[String(i)] = {x: (i % t.per_row) * t.size, y: Math.floor(i / t.per_row) * t.size,
        width: t.size, height: t.size, mask: false};
    }
    mappings.set(k, m);
  }
  return m;
}

export function thumbIndex(view: any): ThumbIndex | null {
  return (view.info as any).thumbnails || null;
}

// an <img> of one row's thumbnail for the tooltip, or null on a map without images
export function tooltipImage(view: any, row: number): HTMLImageElement | null {
  if (!thumbIndex(view)) return null;
  const img = document.createElement('img');
  img.className = 'thumb';
  img.alt = '';
  img.width = 96; img.height = 96;
  img.src = `${view.api.base}/thumbnails/row/${row}.png`;
  return img;
}

// IconLayers for the points on screen, or [] (draw dots) when there are too many
export function thumbnailLayers(view: any, shown: string[]): Layer[] {
  const t = thumbIndex(view);
  const hooks = (window as any).__datamap;
  if (!t) return [];
  const [ax, ay, bx, by] = view.visibleRect();
  const per = t.per_row * t.per_row;
  const groups = new Map<number, {pos: number[]; row: number}[]>();
  let count = 0;
  for (const k of shown) {
    const tile = view.tiles.get(k);
    if (!tile) continue;
    for (let i = 0; i < tile.n; i++) {
      const x = tile.positions[2 * i] / S, y = 1 - tile.positions[2 * i + 1] / S;
      if (x < ax || x > bx || y < ay || y > by) continue;
      if (++count > MAX_THUMBS) { hooks.thumbnailsDrawn = 0; return []; }
      const row = tile.rows[i];
      const a = Math.floor(row / per);
      if (!groups.has(a)) groups.set(a, []);
      groups.get(a)!.push({pos: [tile.positions[2 * i], tile.positions[2 * i + 1]], row});
    }
  }
  if (!count) { hooks.thumbnailsDrawn = 0; return []; }
  const vp = view.viewport();
  const px = vp ? Math.sqrt((vp.width * vp.height) / count) : 64;   // room per point on screen
  const size = Math.max(28, Math.min(t.size * 1.5, px * 0.7));
  const layers: Layer[] = [];
  for (const [a, pts] of groups) {
    layers.push(new IconLayer<{pos: number[]; row: number}>({
      id: `thumbs-${a}`, data: pts, pickable: true,
      iconAtlas: `${view.api.base}/thumbnails/atlas/${a}.png`, iconMapping: mappingFor(t),
      getIcon: (d) => String(d.row % per), getPosition: (d) => d.pos as [number, number],
      getSize: size, sizeUnits: 'pixels', updateTriggers: {getSize: size},
    }));
  }
  hooks.thumbnailsDrawn = count;
  return layers;
}
