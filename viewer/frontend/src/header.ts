// The header's map controls: version picker, colour field, search mode, and the
// pan / lasso / box tools.
import {$, el} from './dom';
import type {MapView} from './mapview';

export type Tool = 'pan' | 'lasso' | 'box';

export function setupHeader(v: MapView) {
  for (const id of ['version', 'searchform', 'tools']) $(id).style.visibility = 'visible';
  $('colour').parentElement!.style.visibility = 'visible';
  $('title').textContent = v.info.dataset;
  const vs = $('version') as HTMLSelectElement;
  vs.replaceChildren(...v.info.versions.map((x) => { const o = el('option', x); o.value = x; return o; }));
  vs.value = v.info.version;
  vs.onchange = () => {   // another version keeps the view, colour, filter, selection and search
    const p = new URLSearchParams(v.urlParams());
    location.hash = `#/map/${encodeURIComponent(v.info.dataset)}/${encodeURIComponent(vs.value)}?${p}`;
  };
  const cs = $('colour') as HTMLSelectElement;
  const opts: HTMLOptionElement[] = [];
  const add = (value: string, label: string) => { const o = el('option', label); o.value = value; opts.push(o); };
  add('none', 'none');
  for (const c of v.info.tiles!.columns) {
    if (c.source === 'topics') add(c.name, `topic depth ${c.depth}`);
    else if (c.source === 'duplicates') add(c.name, 'duplicate clusters');
    else add(c.name, `${c.source}${c.kind === 'numeric' ? ' (number)' : ''}`);
  }
  cs.replaceChildren(...opts);
  cs.onchange = () => { v.colourBy = cs.value; v.filterSet = null; v.recolour(); v.renderLegend(); v.saveUrl(); };
  const mode = $('mode') as HTMLSelectElement;
  (mode.options[0] as HTMLOptionElement).disabled = !v.info.semantic_search;
  if (!v.info.semantic_search) mode.value = 'keyword';
  ($('searchform') as HTMLFormElement).onsubmit = (e) => { e.preventDefault(); v.runSearch(); };
  for (const t of ['pan', 'lasso', 'box'] as const) $(`tool-${t}`).onclick = () => v.setTool(t);
}

// Selection tools take the drag from the map, so panning is off while they are on.
export function setTool(v: MapView, t: Tool) {
  v.tool = t;
  for (const x of ['pan', 'lasso', 'box']) $(`tool-${x}`).classList.toggle('on', x === t);
  v.deck.setProps({controller: {dragPan: t === 'pan', doubleClickZoom: t === 'pan'}});
}
