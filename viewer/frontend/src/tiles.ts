// Streaming the quadtree: which tiles the view needs, loading them, and dropping old ones.
//
// Tiles come as Arrow tables (x, y, row, one column per colour field); a tile holds a
// sample of its region, so the parents of loading children keep the region covered.
import {hooks, showError} from './hooks';
import type {MapView} from './mapview';
import {S} from './world';

const TILE_PX = 512;            // aim: one tile cell spans about this many screen pixels
const MAX_POINTS = 3_000_000;   // tile cache budget (points) before unseen tiles are dropped

export interface Tile {
  key: string; z: number; n: number;
  positions: Float32Array; rows: Uint32Array;
  cols: Record<string, ArrayLike<number>>;
  colors: Uint8Array; filter: Float32Array; data: any; stamp: number; lastUsed: number;
}

export function tileBounds(key: string): [number, number, number, number] {
  const [z, x, y] = key.split('/').map(Number);
  const s = 1 / (1 << z);
  return [x * s, y * s, (x + 1) * s, (y + 1) * s];
}

export function viewport(v: MapView) {
  try { return v.deck.getViewports()[0]; } catch { return undefined; }  // before WebGL is up
}

// The part of the 0..1 map box on screen, y up.
export function visibleRect(v: MapView): [number, number, number, number] {
  const vp = viewport(v);
  if (!vp) return [0, 0, 1, 1];
  const [x0, y0] = vp.unproject([0, 0]);
  const [x1, y1] = vp.unproject([vp.width, vp.height]);
  const ax = Math.min(x0, x1) / S, bx = Math.max(x0, x1) / S;
  const ay = 1 - Math.max(y0, y1) / S, by = 1 - Math.min(y0, y1) / S;
  return [ax, ay, bx, by];
}

export function targetDepth(v: MapView): number {
  const px = S * Math.pow(2, v.viewState.zoom);
  return Math.max(0, Math.floor(Math.log2(px / TILE_PX) + 0.5));
}

// Keys of the tiles to draw, coarsest first.
export function wantedTiles(v: MapView): string[] {
  const idx = v.info.tiles!;
  const d = Math.min(targetDepth(v), idx.max_depth);
  const [ax, ay, bx, by] = visibleRect(v);
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

// Fetch one tile and turn it into typed arrays deck.gl takes as they are. A tile of a
// layout the user has switched away from (tileGen changed) is dropped on arrival.
export async function loadTile(v: MapView, key: string) {
  v.loading.add(key);
  const gen = v.tileGen;
  try {
    const pre = key === '0/0/0' ? v.rootP : null;
    v.rootP = null;
    const table = (pre && await pre) || await v.api.tile(key);
    if (v.destroyed || gen !== v.tileGen) return;
    const n = table.numRows;
    const xs = table.getChild('x')!.toArray() as Float32Array;
    const ys = table.getChild('y')!.toArray() as Float32Array;
    const positions = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) { positions[2 * i] = xs[i] * S; positions[2 * i + 1] = (1 - ys[i]) * S; }
    const cols: Record<string, ArrayLike<number>> = {};
    for (const c of v.info.tiles!.columns) {
      const col = table.getChild(c.name);
      if (col) cols[c.name] = col.toArray() as ArrayLike<number>;
    }
    v.curation?.fill(table.getChild('row')!.toArray() as Uint32Array, cols);
    const [z] = key.split('/').map(Number);
    const tile: Tile = {key, z, n, positions, rows: table.getChild('row')!.toArray() as Uint32Array, cols,
      colors: new Uint8Array(4 * n), filter: new Float32Array(n), data: null, stamp: -1, lastUsed: performance.now()};
    v.tiles.set(key, tile);
    hooks.tilesLoaded++;
    hooks.pointsLoaded += n;
  } catch (e) {
    showError(e);
  } finally {
    v.loading.delete(key);
  }
  v.update();
}

// Over the point budget: drop the least recently used tiles the view does not need.
export function evict(v: MapView, keep: Set<string>) {
  let total = 0;
  for (const t of v.tiles.values()) total += t.n;
  if (total <= MAX_POINTS) return;
  const old = [...v.tiles.values()].filter((t) => !keep.has(t.key)).sort((a, b) => a.lastUsed - b.lastUsed);
  for (const t of old) {
    if (total <= MAX_POINTS) break;
    v.tiles.delete(t.key);
    total -= t.n;
  }
}

export function pointCount(v: MapView): number {
  let n = 0;
  for (const t of v.tiles.values()) n += t.n;
  return n;
}
