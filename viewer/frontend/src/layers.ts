// The deck.gl layers of one frame: tiles (or thumbnails), tag and search highlights, the
// other layouts' and curation's layers, topic labels and the selection outline.
import type {Layer} from '@deck.gl/core';
import {ScatterplotLayer, TextLayer, PathLayer} from '@deck.gl/layers';
import {DataFilterExtension} from '@deck.gl/extensions';
import type {Hit} from './api';
import {MAJOR, MINOR, type PlacedLabel} from './labelplace';
import {densityLayers} from './density';
import {thumbnailLayers} from './images';
import type {MapView} from './mapview';
import {paint} from './paint';
import {S} from './world';

export function render(v: MapView, want: string[]) {
  const zoomPx = S * Math.pow(2, v.viewState.zoom);
  const radius = Math.max(1.5, Math.min(4, zoomPx / 1200));
  const shown = want.filter((k) => v.tiles.has(k));
  // while children load, parents already cover the region: nothing flickers
  const thumbs = thumbnailLayers(v, shown);   // image maps zoomed in: thumbnails instead of dots
  const layers: Layer[] = [...densityLayers(v), ...(thumbs.length ? [] : tileLayers(v, shown, radius))];
  layers.push(...highlightLayers(v, radius));
  layers.push(...thumbs, ...v.proj.layers(radius));
  if (v.curation) layers.push(...v.curation.layers(radius));
  layers.push(...labelLayers(v.labels(), v.viewState.zoom));
  const poly = v.drawing || (v.selection && v.proj.showOutline() ? v.selection.map(([x, y]) => [x * S, (1 - y) * S]) : null);
  if (poly && poly.length > 1) {
    layers.push(new PathLayer({
      id: 'selection', data: [{path: [...poly, poly[0]]}], getPath: (d: any) => d.path,
      getColor: [230, 80, 0, 255], widthUnits: 'pixels', getWidth: 2,
    }));
  }
  v.deck.setProps({layers});
}

// One scatter layer per loaded tile; the legend filter hides points on the GPU.
function tileLayers(v: MapView, shown: string[], radius: number): Layer[] {
  const layers: Layer[] = [];
  for (const k of shown) {
    const t = v.tiles.get(k)!;
    paint(v, t);
    layers.push(new ScatterplotLayer({
      id: `tile-${k}`, data: t.data, pickable: true, radiusUnits: 'pixels', getRadius: radius,
      radiusMinPixels: 1, stroked: false, updateTriggers: {getFillColor: v.colourStamp},
      extensions: [new DataFilterExtension({filterSize: 1})], filterRange: [0.5, 1.5],
      autoHighlight: true, highlightColor: [255, 40, 40, 255],
    } as any));
  }
  return layers;
}

// The shown tag's points (orange) and the search hits (red, pickable), drawn over the tiles.
function highlightLayers(v: MapView, radius: number): Layer[] {
  const layers: Layer[] = [];
  if (v.tagHighlight) {
    const th = v.tagHighlight;
    layers.push(new ScatterplotLayer({
      id: 'tag', data: {length: th.x.length}, radiusUnits: 'pixels', getRadius: radius + 1.5,
      getPosition: (_: any, {index}: any) => [th.x[index] * S, (1 - th.y[index]) * S],
      getFillColor: [255, 150, 0, 230], stroked: true, getLineColor: [120, 60, 0, 255], lineWidthUnits: 'pixels',
      getLineWidth: 1,
    } as any));
  }
  if (v.hits.length) {
    layers.push(new ScatterplotLayer<Hit>({
      id: 'hits', data: v.hits, pickable: true, radiusUnits: 'pixels', getRadius: radius + 4,
      getPosition: (h) => [h.x * S, (1 - h.y) * S], getFillColor: [255, 0, 80, 220], stroked: true,
      getLineColor: [0, 0, 0, 255], lineWidthUnits: 'pixels', getLineWidth: 1.5,
    }));
  }
  return layers;
}

// The bold labels of the zoom's depth, and the finer depth's in smaller grey type under them.
function labelLayers(labels: PlacedLabel[], zoom: number): Layer[] {
  const out: Layer[] = [];
  for (const minor of [true, false]) {
    const data = labels.filter((l) => l.minor === minor);
    if (!data.length) continue;
    const style = minor ? MINOR : MAJOR;
    out.push(new TextLayer<PlacedLabel>({
      id: minor ? 'topic-labels-minor' : 'topic-labels', data, getPosition: (d) => [d.x * S, (1 - d.y) * S],
      getText: (d) => d.topic_short_description, getSize: style.size, characterSet: 'auto',
      fontFamily: style.font, fontWeight: style.weight, getColor: minor ? [70, 70, 70, 255] : [20, 20, 20, 255],
      background: true, getBackgroundColor: [255, 255, 255, minor ? 150 : 200], backgroundPadding: [3, 1],
      updateTriggers: {getText: zoom},
    }));
  }
  return out;
}
