// The density layer of big maps: at overview zoom the tiles hold a sample, so dense
// regions would read as thin as sparse ones. The server counts the filtered points per
// cell of a grid over the map box (crossfilter.density); drawn as a heat image under
// the points, it fades out over three zoom steps as the points take over.
import {BitmapLayer} from '@deck.gl/layers';
import type {Layer} from '@deck.gl/core';
import {ramp} from './colours';
import type {MapView} from './mapview';
import {S} from './world';

let cached: {seq: number; canvas: HTMLCanvasElement} | null = null;

function image(counts: Uint16Array, g: number): HTMLCanvasElement {
  const cv = document.createElement('canvas');
  cv.width = g; cv.height = g;
  const ctx = cv.getContext('2d')!;
  const img = ctx.createImageData(g, g);
  let max = 1;
  for (const c of counts) if (c > max) max = c;
  const lmax = Math.log1p(max);
  for (let iy = 0; iy < g; iy++) {
    for (let ix = 0; ix < g; ix++) {
      const c = counts[iy * g + ix];
      if (!c) continue;
      const t = Math.log1p(c) / lmax;
      const [r, gg, b] = ramp(t);
      const o = 4 * ((g - 1 - iy) * g + ix);     // grid rows run up from y=0; image rows run down
      img.data[o] = r; img.data[o + 1] = gg; img.data[o + 2] = b; img.data[o + 3] = Math.round(60 + 170 * t);
    }
  }
  ctx.putImageData(img, 0, 0);
  return cv;
}

export function densityLayers(v: MapView): Layer[] {
  const d = v.wb?.density;
  if (!d) return [];
  const z0 = v.viewState.minZoom + 2;            // the fitted overview (urlstate.initialViewState)
  const opacity = Math.max(0, Math.min(0.85, 0.85 * (1 - (v.viewState.zoom - z0) / 3)));
  if (opacity <= 0.01) return [];
  if (!cached || cached.seq !== v.wb!.seq) cached = {seq: v.wb!.seq, canvas: image(d.counts, d.grid)};
  return [new BitmapLayer({id: `density-${cached.seq}`, image: cached.canvas, bounds: [0, S, S, 0], opacity,
    textureParameters: {minFilter: 'nearest', magFilter: 'nearest'}} as any)];
}
