// The workbench's top strip: how many rows the filter keeps, one-click clear, the lasso /
// search / tag as filters, the table switch, and what to do with the rows: download them
// (CSV, Parquet), add them to a tag, or see the Python that gives the same rows.
import {$, el} from './dom';
import {hooks, showError} from './hooks';
import type {Workbench} from './workbench';

export function renderActions(wb: Workbench, root: HTMLElement) {
  const v = wb.v, res = wb.result;
  const top = el('div', undefined, 'xtop');
  const count = res ? res.count : wb.meta.rows;
  const sum = el('div', `${count.toLocaleString()} of ${wb.meta.rows.toLocaleString()} rows`, 'xsum');
  sum.id = 'xf-summary';
  top.append(sum);
  const clear = el('button', 'clear all filters', 'small');
  clear.id = 'xf-clear';
  clear.disabled = !wb.active();
  clear.onclick = () => wb.clear();
  top.append(clear);
  const srcs = el('div', undefined, 'xsrc');
  toggle(srcs, 'xf-sel', `lasso (${v.panelState.selection?.count?.toLocaleString() ?? 'none'})`, !!v.selection, wb.filter.sel,
    (on) => { wb.filter.sel = on; wb.refresh(); });
  toggle(srcs, 'xf-search', `search hits (${v.hits.length})`, v.hits.length > 0, wb.filter.search,
    (on) => { wb.filter.search = on; wb.refresh(); });
  toggle(srcs, 'xf-tag', `tag ${v.params.get('tag') ?? '(none shown)'}`, !!v.params.get('tag'), wb.filter.tag,
    (on) => { wb.filter.tag = on; wb.refresh(); });
  top.append(srcs);
  const acts = el('div', undefined, 'xacts');
  const tbl = button(acts, 'xf-table', wb.tableOpen ? 'hide table' : 'table');
  tbl.onclick = () => { wb.table.setOpen(!wb.tableOpen); wb.v.saveUrl(); tbl.textContent = wb.tableOpen ? 'hide table' : 'table'; };
  button(acts, 'xf-csv', 'CSV').onclick = () => download(wb, 'csv');
  button(acts, 'xf-parquet', 'Parquet').onclick = () => download(wb, 'parquet');
  button(acts, 'xf-python', 'Python').onclick = () => showPython(wb);
  top.append(acts);
  if (v.info.tags) top.append(tagForm(wb));
  root.append(top);
}

function button(parent: HTMLElement, id: string, text: string): HTMLButtonElement {
  const b = el('button', text, 'small');
  b.id = id;
  parent.append(b);
  return b;
}

function toggle(parent: HTMLElement, id: string, text: string, enabled: boolean, on: boolean, set: (on: boolean) => void) {
  const lab = el('label');
  const box = el('input') as HTMLInputElement;
  box.type = 'checkbox'; box.id = id; box.checked = on; box.disabled = !enabled && !on;
  box.onchange = () => set(box.checked);
  lab.append(box, document.createTextNode(` ${text}`));
  parent.append(lab);
}

// The filtered rows as a file; the last download's bytes stay on hooks for the tests.
async function download(wb: Workbench, format: 'csv' | 'parquet') {
  try {
    const blob = await wb.v.api.exportBlob(wb.body(), format);
    hooks.lastExport = {format, size: blob.size, text: format === 'csv' ? await blob.text() : null};
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${wb.v.info.dataset}-filtered.${format}`;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch (e) { showError(e); }
}

function tagForm(wb: Workbench): HTMLElement {
  const form = el('form', undefined, 'xtag');
  const name = el('input') as HTMLInputElement;
  name.id = 'xf-tagname'; name.placeholder = 'tag name'; name.required = true;
  const add = el('button', 'add rows to tag', 'small');
  add.id = 'xf-tagadd';
  const msg = el('span');
  msg.id = 'xf-tagmsg';
  form.append(name, add, msg);
  form.onsubmit = async (e) => {
    e.preventDefault();
    try {
      const r = await wb.v.api.editTag(name.value.trim(), {filter: wb.body(), op: 'add'});
      msg.textContent = ` tag ${r.name}: ${r.count.toLocaleString()} points`;
      hooks.lastTag = r;
      await wb.v.loadTags();
      wb.v.renderPanelHome();
    } catch (err) { msg.textContent = ` ${err}`; }
  };
  return form;
}

// The polars code over open_map(...) that keeps the same rows, shown as text to copy.
async function showPython(wb: Workbench) {
  try {
    const {code} = await wb.v.api.python(wb.body());
    const panel = $('panel');
    panel.replaceChildren();
    const back = el('button', '← back', 'small');
    back.onclick = () => wb.v.renderPanelHome();
    const pre = el('pre', code, 'code');
    pre.id = 'xf-code';
    const copy = el('button', 'copy', 'small');
    copy.onclick = () => navigator.clipboard?.writeText(code);
    panel.append(back, el('h3', 'The same rows in Python'), pre, copy);
    hooks.lastPython = code;
  } catch (e) { showError(e); }
}
