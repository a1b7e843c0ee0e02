// The table of filtered rows under the map: virtual scrolling (only the rows on screen
// exist in the page, fetched from the server a page at a time), sorting on any column,
// a column picker, clipped text cells. A row click flies the map to the point and opens
// its record; hovering a point on the map highlights its row.
import type {RowsPage} from './api';
import {$, el} from './dom';
import {hooks, showError} from './hooks';
import type {Workbench} from './workbench';

const ROWH = 22;            // px per row
const PAGE = 100;           // rows per request
const MAXH = 15_000_000;
const ID = 160, WIDE = 300, NARROW = 150;   // px: id, the first other column, the rest (style.css agrees)    // browsers cap element heights: beyond this the scroll is scaled

export class DataTable {
  root: HTMLElement;
  head = el('div', undefined, 'thead');
  scroll = el('div', undefined, 'tscroll');
  spacer = el('div', undefined, 'tspacer');
  columns: string[] = [];
  sort: string | null = null;
  desc = false;
  count = 0;
  gen = 0;
  pages = new Map<number, RowsPage | 'loading'>();
  hlRow: number | null = null;

  constructor(public wb: Workbench) {
    this.root = $('table');
    this.scroll.append(this.head, this.spacer);   // the head sticks to the top of the scroll box
    this.root.replaceChildren(this.scroll);
    this.scroll.onscroll = () => this.draw();
  }

  setOpen(open: boolean) {
    this.wb.tableOpen = open;
    this.root.hidden = !open;
    $('mapview').classList.toggle('tbl-open', open);
    if (open && !this.columns.length) this.columns = this.defaultColumns();
    if (open) this.reset();
  }

  defaultColumns(): string[] {
    const tf = this.wb.v.info.text_field;
    const charted = this.wb.shown.filter((n) => n !== tf).slice(0, 6);
    return [...(tf ? [tf] : []), ...charted];
  }

  // A new filter or sort: forget the pages, go back to the top.
  reset() {
    if (!this.wb.tableOpen) return;
    this.gen++;
    this.pages.clear();
    this.count = this.wb.result ? this.wb.result.count : this.wb.meta.rows;
    this.scroll.scrollTop = 0;
    this.renderHead();
    this.draw();
  }

  renderHead() {
    this.head.replaceChildren();
    for (const name of ['id', ...this.columns]) {
      const c = el('div', name === this.wb.v.info.text_field ? name : (this.wb.byName.get(name)?.label ?? name), 'th');
      c.dataset.col = name;
      if (this.sort === name) c.dataset.dir = this.desc ? 'desc' : 'asc';
      c.title = 'click to sort';
      c.onclick = () => { this.desc = this.sort === name ? !this.desc : false; this.sort = name; this.reset(); };
      if (name !== 'id') {
        const x = el('span', '×', 'thx');
        x.title = 'hide this column';
        x.onclick = (e) => { e.stopPropagation(); this.columns = this.columns.filter((n) => n !== name); this.reset(); };
        c.append(x);
      }
      this.head.append(c);
    }
    this.head.append(this.picker());
  }

  picker(): HTMLElement {
    const sel = el('select', undefined, 'tpick');
    sel.id = 'table-add';
    const o0 = el('option', '+ column');
    o0.value = '';
    sel.append(o0);
    const all = [...new Set([...this.wb.v.info.fields.filter((f) => f !== 'id' && !f.startsWith('_')), ...this.wb.meta.columns.map((c) => c.name)])];
    for (const n of all.filter((n) => !this.columns.includes(n))) { const o = el('option', n); o.value = n; sel.append(o); }
    sel.onchange = () => { if (sel.value) { this.columns.push(sel.value); this.reset(); } };
    return sel;
  }

  // Draw the rows in view; ask for the pages they are on.
  draw() {
    const total = this.count * ROWH;
    const h = Math.min(total, MAXH);
    this.spacer.style.height = `${h}px`;
    const width = `${ID + (this.columns.length ? WIDE + (this.columns.length - 1) * NARROW : 0) + 110}px`;
    this.spacer.style.width = width;
    this.head.style.width = width;
    const view = (this.scroll.clientHeight || 300) - ROWH;
    const ratio = total > MAXH ? (total - view) / (MAXH - view) : 1;
    const st = this.scroll.scrollTop;
    const off = st * ratio;
    const first = Math.floor(off / ROWH);
    const n = Math.ceil(view / ROWH) + 1;
    const out: HTMLElement[] = [];
    for (let i = first; i < Math.min(this.count, first + n); i++) {
      const pg = this.page(Math.floor(i / PAGE));
      const r = el('div', undefined, 'tr');
      r.style.top = `${st + i * ROWH - off}px`;
      if (pg && pg !== 'loading') this.fill(r, pg, i - pg.offset);
      else r.append(el('div', '…', 'td'));
      out.push(r);
    }
    this.spacer.replaceChildren(...out);
  }

  fill(r: HTMLElement, pg: RowsPage, k: number) {
    const row = pg.rows[k];
    r.dataset.row = String(row);
    if (row === this.hlRow) r.classList.add('hl');
    r.append(el('div', String(pg.ids[k]), 'td'));
    for (const name of this.columns) {
      const x = pg.cells[name]?.[k];
      r.append(el('div', x === null || x === undefined ? '—' : String(x), 'td'));
    }
    r.onclick = async () => {
      const [p] = await this.wb.v.proj.remapHits([{row, id: pg.ids[k], x: pg.x[k], y: pg.y[k], text: ''}]);
      this.wb.v.flyTo(p.x, p.y);
      await this.wb.v.openRecord(row);
      hooks.tableClick = row;
    };
  }

  page(i: number): RowsPage | 'loading' | undefined {
    const got = this.pages.get(i);
    if (got) return got;
    this.pages.set(i, 'loading');
    const gen = this.gen;
    const wb = this.wb;
    wb.v.api.rows({filter: wb.body(), sort: this.sort, desc: this.desc, offset: i * PAGE, limit: PAGE,
      columns: this.columns.filter((n) => n !== 'id')})
      .then((pg) => {
        if (gen !== this.gen) return;
        this.pages.set(i, pg);
        this.count = pg.count;
        hooks.table = {count: pg.count, gen, pages: this.pages.size};
        this.draw();
      })
      .catch(showError);
    return 'loading';
  }

  // The point under the pointer on the map: its row lights up if it is on screen.
  highlight(row: number | null) {
    this.hlRow = row;
    for (const r of this.spacer.children) (r as HTMLElement).classList.toggle('hl', (r as HTMLElement).dataset.row === String(row));
  }
}
