// The side panel's home: the map's summary, the selection with its tag form, search
// results, curation, and the dataset's tags.
import {$, el} from './dom';
import type {MapView} from './mapview';

export interface PanelState {
  search?: {q: string; total: number; exact: boolean};
  selection?: {count: number};
  tags?: {name: string; count: number}[];
}

export async function renderPanelHome(v: MapView) {
  const panel = $('panel');
  panel.replaceChildren();
  const i = v.info;
  panel.append(el('h3', `${i.dataset} — ${i.rows.toLocaleString()} points`));
  panel.append(el('div', `version ${i.version} · model ${i.model}`));
  if (v.panelState.selection) {
    const s = v.panelState.selection;
    panel.append(el('h3', `Selection: ${s.count.toLocaleString()} points`));
    if (i.tags) tagForm(v, panel);
  }
  if (v.panelState.search) {
    const s = v.panelState.search;
    panel.append(el('h3', `Search "${s.q}": ${s.total.toLocaleString()}${s.exact ? '' : '+'} hits`));
    const list = el('div'); list.id = 'hits';
    v.hitList(list, v.hits);
    panel.append(list);
  }
  v.curation?.panel(panel);
  if (i.tags) {
    if (!v.panelState.tags) await v.loadTags();
    const tags = v.panelState.tags || [];
    panel.append(el('h3', `Tags (${tags.length})`));
    for (const t of tags) {
      const item = el('div', `${t.name} (${t.count.toLocaleString()})`, 'item');
      item.onclick = () => v.showTag(t.name);
      v.curation?.tagControls(item, t.name, (t as any).derived);
      panel.append(item);
    }
    if (!tags.length) panel.append(el('div', 'Draw a lasso or box to select points, then name a tag.'));
  }
}

// Name a tag and add the selection to it or remove it from it; the server checks the write.
function tagForm(v: MapView, panel: HTMLElement) {
  const form = el('form');
  const name = el('input') as HTMLInputElement;
  name.id = 'tagname'; name.placeholder = 'tag name'; name.required = true;
  name.setAttribute('list', 'taglist');
  const add = el('button', 'add to tag');
  add.id = 'tag-add';
  const rm = el('button', 'remove from tag');
  rm.type = 'button';
  const clear = el('button', 'clear');
  clear.type = 'button';
  form.append(name, add, rm, clear);
  const dl = el('datalist'); dl.id = 'taglist';
  for (const t of v.panelState.tags || []) { const o = el('option'); o.value = t.name; dl.append(o); }
  form.append(dl);
  const msg = el('div'); msg.id = 'tag-msg';
  const send = async (op: string) => {
    try {
      const r = await v.api.editTag(name.value.trim(), await v.proj.tagBody(op));
      msg.textContent = `tag ${r.name}: ${r.count.toLocaleString()} points`;
      await v.loadTags();
      v.renderPanelHome();
      (window as any).__datamap.lastTag = r;
    } catch (e) { msg.textContent = String(e); }
  };
  form.onsubmit = (e) => { e.preventDefault(); send('add'); };
  rm.onclick = () => { if (name.value.trim()) send('remove'); };
  clear.onclick = () => { v.selection = null; v.panelState.selection = undefined; v.update(); v.saveUrl(); v.renderPanelHome(); v.sourcesChanged(); };
  panel.append(form, msg);
}

export async function loadTags(v: MapView) {
  try { v.panelState.tags = (await v.api.tags()).tags; } catch { v.panelState.tags = []; }
}

// Highlight a tag's points (in the layout on screen) and keep the tag in the URL.
export async function showTag(v: MapView, name: string) {
  const t = await v.api.tag(name);
  v.tagHighlight = await v.proj.remapTag({x: t.x, y: t.y, rows: t.rows});
  v.params.set('tag', name);
  v.update();
  v.saveUrl();
  v.sourcesChanged();
}
