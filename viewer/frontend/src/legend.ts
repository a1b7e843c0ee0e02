// The legend of the colour field, which is also its filter: click a value to show only
// it, shift-click to add or remove values.
import {css, ramp} from './colours';
import {$, el} from './dom';
import type {MapView} from './mapview';

export function renderLegend(v: MapView) {
  const root = $('legend');
  const c = v.column();
  root.replaceChildren();
  if (!c) { root.hidden = true; return; }
  root.hidden = false;
  root.append(el('div', c.source === 'topics' ? `topic depth ${c.depth}` : c.source === 'duplicates' ? 'duplicate class' : c.source, 'lt'));
  if (c.kind === 'numeric') {
    const bar = el('canvas', undefined, 'ramp') as HTMLCanvasElement;
    bar.width = 200; bar.height = 10;
    const g = bar.getContext('2d')!;
    for (let i = 0; i < 200; i++) { g.fillStyle = css(ramp(i / 199)); g.fillRect(i, 0, 1, 10); }
    root.append(bar, el('div', `${c.extent![0]} … ${c.extent![1]}`));
    return;
  }
  const cats = c.categories || [];
  let entries = cats.map((value, code) => ({code, label: c.labels ? (c.labels[value] ?? value) : value}));
  if (c.source === 'topics' && v.info.topics) {
    const count = new Map(v.info.topics.map((t) => [String(t.topic_id), t.count]));
    entries.sort((a, b) => (count.get(cats[b.code]) ?? 0) - (count.get(cats[a.code]) ?? 0));
  }
  entries = entries.slice(0, 40);
  if (v.filterSet) {
    const clear = el('button', 'clear filter', 'small');
    clear.onclick = () => { v.filterSet = null; v.recolour(); v.renderLegend(); v.saveUrl(); };
    root.append(clear);
  }
  for (const e of entries) {
    const row = el('div', undefined, 'entry');
    const sw = el('span', undefined, 'sw');
    sw.style.background = css(v.colourOf(e.code, c));
    row.append(sw, el('span', e.label));
    if (v.filterSet && !v.filterSet.has(e.code)) row.classList.add('off');
    row.title = 'click: show only this value (shift-click: add/remove)';
    row.onclick = (ev) => {
      if (!v.filterSet || !ev.shiftKey) v.filterSet = new Set([e.code]);
      else if (v.filterSet.has(e.code)) v.filterSet.delete(e.code);
      else v.filterSet.add(e.code);
      v.recolour(); v.renderLegend(); v.saveUrl();
    };
    root.append(row);
  }
  if (cats.length > entries.length) root.append(el('div', `… ${cats.length - entries.length} more`));
}
