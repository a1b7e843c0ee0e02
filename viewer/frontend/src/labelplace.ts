// Which topic labels are drawn, and where: the depth that suits the zoom in bold, and the
// depth below it in smaller type wherever it fits, as DataMapPlot does, so the first look
// at a map says more than a handful of broad names. Greedy by topic size: the biggest
// topics win, and no two drawn labels overlap on screen (hand-written, ~40 lines).
import type {Topic} from './api';
import type {MapView} from './mapview';
import {viewport} from './tiles';
import {S} from './world';

export const MAJOR = {size: 13, weight: 700, font: 'system-ui, sans-serif'};
export const MINOR = {size: 11, weight: 400, font: 'system-ui, sans-serif'};

// A drawn label: the topic, whether it is of the finer depth, and its box on screen.
export interface PlacedLabel extends Topic { minor: boolean; box: [number, number, number, number]; }

let ctx: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

// The text's width in pixels in that type (measured once by the browser, then cached).
function textWidth(text: string, style: typeof MAJOR): number {
  const key = `${style.weight}/${style.size}/${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    ctx = ctx || document.createElement('canvas').getContext('2d');
    if (ctx) ctx.font = `${style.weight} ${style.size}px ${style.font}`;
    w = ctx ? ctx.measureText(text).width : 0.6 * style.size * text.length;
    widths.set(key, w);
  }
  return w;
}

export function placeLabels(v: MapView): PlacedLabel[] {
  const topics = v.info.topics;
  if (!topics || !topics.length || v.proj.current !== v.proj.main) return [];  // centroids are in the main layout
  const vp = viewport(v);
  if (!vp) return [];
  const maxDepth = Math.max(...topics.map((t) => t.depth));
  const z0 = Math.log2(Math.min(vp.width, vp.height) / S);
  const depth = Math.max(1, Math.min(maxDepth, 1 + Math.floor((v.viewState.zoom - z0) / 1.2)));
  const placed: PlacedLabel[] = [];
  for (const [d, minor] of [[depth, false], [depth + 1, true]] as [number, boolean][]) {
    const style = minor ? MINOR : MAJOR;
    const cand = topics.filter((t) => t.depth === d && t.x != null).sort((a, b) => b.count - a.count);
    for (const t of cand) {
      const [sx, sy] = vp.project([t.x * S, (1 - t.y) * S]);
      if (sx < 0 || sy < 0 || sx > vp.width || sy > vp.height) continue;
      const w = textWidth(t.topic_short_description || '', style) + 8, h = style.size + 6;
      const b: [number, number, number, number] = [sx - w / 2, sy - h / 2, sx + w / 2, sy + h / 2];
      if (placed.some(({box: o}) => b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1])) continue;
      placed.push({...t, minor, box: b});
    }
  }
  return placed;
}
