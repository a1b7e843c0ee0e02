// The ops pages of the web map: `#/ops` (every dataset: fresh / late / failing, failing
// and late first, sortable) and `#/ops/<dataset>` (charts over versions, drift, the run
// history from the store's run log and Prefect). Data from /api/ops and /api/ops/<dataset>;
// text goes on the page through `el` only (textContent).
import {getJSON} from './api';
import {$, el} from './dom';
import {hooks} from './hooks';
import {Series, lines, stackedBars} from './charts';

const seconds = (v: number) => (v >= 100 ? `${v.toFixed(0)} s` : v >= 10 ? `${v.toFixed(1)} s` : `${v.toFixed(2)} s`);
const percent = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)} %`;
const count = (v: number) => (Number.isInteger(v) ? v.toLocaleString() : v.toFixed(2));
// drift values span 0..1 but a quiet refresh sits near 1e-3: keep two significant digits
const plain = (v: number) => (v === 0 ? '0' : Math.abs(v) < 0.01 ? v.toExponential(1) : v.toFixed(3));

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (s < 90) return `${Math.round(s)} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h ago`;
  return `${(s / 86400).toFixed(1)} days ago`;
}

const shortTime = (iso: string | null | undefined) => String(iso ?? '').slice(0, 16).replace('T', ' ');
const hashFor = (dataset: string) => `#/ops/${encodeURIComponent(dataset)}`;

function link(text: string, href: string): HTMLAnchorElement {
  const a = el('a', text);
  a.href = href;
  return a;
}

function cell(tr: HTMLElement, content: string | Node, sortKey?: string | number): void {
  const td = el('td');
  td.append(content);
  if (sortKey !== undefined) td.dataset.sort = String(sortKey);
  tr.append(td);
}

// the validation's outcome, and its Great Expectations Data Docs page when the version has one
function validationCell(d: any): Node {
  const text = d.validation === true ? (d.dropped_rows ? `passed, ${count(d.dropped_rows)} dropped` : 'passed')
    : d.validation === false ? 'failed' : '';
  if (!d.data_docs) return document.createTextNode(text);
  const span = el('span', text ? `${text} · ` : '');
  const a = link('Data Docs', d.data_docs);
  a.className = 'data-docs';
  span.append(a);
  return span;
}

function badge(state: string): HTMLElement {
  return el('span', state, `state state-${state}`);
}

// The overview, the page a team keeps open, redraws itself every minute while it is shown.
const REFRESH_MS = 60_000;
let refreshTimer: number | undefined;
function refreshLater(hash: string, draw: () => Promise<void>) {
  window.clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => { if (location.hash === hash) draw().catch(showOpsError); }, REFRESH_MS);
}

export function showOpsError(e: unknown) {
  hooks.error = String(e);
  $('ops').replaceChildren(link('Operations', '#/ops'), el('p', String(e), 'problem'));
}

// Click a header to sort by that column (again: reverse); rows keep their data-* attributes.
// The last sort is kept across the minute's redraw.
let lastSort: {col: number; dir: string} | null = null;
function sortable(table: HTMLTableElement) {
  const heads = Array.from(table.querySelectorAll('th'));
  const apply = (col: number, dir: string) => {
    const th = heads[col];
    heads.forEach(h => delete h.dataset.dir);
    th.dataset.dir = dir;
    lastSort = {col, dir};
    const rows = Array.from(table.tBodies[0].rows);
    const key = (r: HTMLTableRowElement) => r.cells[col].dataset.sort ?? r.cells[col].textContent ?? '';
    rows.sort((a, b) => {
      const x = key(a), y = key(b);
      const nx = Number(x), ny = Number(y);
      const c = x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
      return dir === 'asc' ? c : -c;
    });
    table.tBodies[0].append(...rows);
  };
  heads.forEach((th, col) => th.addEventListener('click', () => apply(col, th.dataset.dir === 'asc' ? 'desc' : 'asc')));
  if (lastSort && lastSort.col < heads.length) apply(lastSort.col, lastSort.dir);
}

const STATE_RANK: Record<string, number> = {failing: 0, late: 1, fresh: 2};

export async function showOpsOverview() {
  const root = $('ops');
  root.replaceChildren(el('h2', 'Operations: every map in this store'));
  const data = await getJSON<any>('api/ops');
  if (!data.datasets.length) root.append(el('p', 'No maps and no builds in this store yet.'));
  const t = el('table', undefined, 'ops-table');
  t.id = 'ops-overview';
  const head = el('tr');
  for (const h of ['state', 'map', 'schedule (UTC)', 'last success', 'version age', 'last run', 'run time',
    'rows', 'change', 'validation', 'problem']) head.append(el('th', h));
  t.createTHead().append(head);
  const body = t.createTBody();
  for (const d of data.datasets) {
    const tr = el('tr');
    tr.dataset.dataset = d.dataset;
    tr.dataset.state = d.state;
    cell(tr, badge(d.state), STATE_RANK[d.state]);
    cell(tr, link(d.dataset, hashFor(d.dataset)), d.dataset);
    cell(tr, d.schedule ?? 'none');
    cell(tr, ago(d.last_success_at), d.last_success_at ?? '');
    cell(tr, d.age_seconds == null ? 'no version' : ago(d.version_created_at), d.age_seconds ?? -1);
    const lr = d.last_run;
    cell(tr, lr ? `${lr.outcome} ${ago(lr.ended_at ?? lr.started_at)} (${lr.trigger === 'deployment' ? 'scheduled' : 'manual'})` : 'no runs logged');
    cell(tr, lr?.seconds != null ? seconds(lr.seconds) : '', lr?.seconds ?? -1);
    cell(tr, d.rows != null ? count(d.rows) : '', d.rows ?? -1);
    cell(tr, d.rows_change != null ? (d.rows_change >= 0 ? '+' : '') + count(d.rows_change) : '', d.rows_change ?? 0);
    cell(tr, validationCell(d));
    const problem = d.state === 'failing' && lr?.error_class
      ? `${lr.error_class}: ${lr.error_message ?? ''}` + (d.failing_since ? ` (failing since ${shortTime(d.failing_since)})` : '')
      : d.state === 'late' ? `due ${ago(d.due_at)}` : '';
    cell(tr, el('span', problem, 'problem'));
    body.append(tr);
  }
  sortable(t);
  root.append(t, el('p', 'Late: a scheduled refresh should have succeeded by now (schedule + one hour grace). '
    + 'Failing: the last finished run failed; the previous version is still served.', 'note'));
  hooks.opsReady = true;
}

function versionLabel(v: any): string {
  return String(v.created_at ?? v.version).slice(5, 19).replace('T', ' ');   // MM-DD HH:MM:SS
}

function rowSeries(vs: any[]): Series[] {
  return [
    {name: 'added', values: vs.map(v => v.rows_added ?? (v.parent ? 0 : v.rows))},
    {name: 'removed', values: vs.map(v => v.rows_removed ?? 0)},
    {name: 'changed', values: vs.map(v => v.rows_changed ?? 0)},
  ];
}

function chart(title: string, node: HTMLElement, id: string): HTMLElement {
  const sec = el('section', undefined, 'ops-chart');
  sec.id = id;
  sec.append(el('h3', title), node);
  return sec;
}

function chartsFor(d: any): HTMLElement {
  const vs: any[] = d.versions;
  const labels = vs.map(versionLabel);
  const grid = el('div', undefined, 'ops-grid');
  grid.append(
    chart('Rows per version: added / removed / changed', stackedBars(labels, rowSeries(vs), count), 'chart-rows'),
    chart('Build time per stage', stackedBars(labels, d.stages.map((s: string) =>
      ({name: s, values: vs.map(v => v.stage_seconds?.[s] ?? null)})), seconds), 'chart-stages'),
    chart('Duplicate share (deletion candidates / rows)', lines(labels,
      [{name: 'duplicate share', values: vs.map(v => v.duplicate_share)}], percent), 'chart-duplicates'),
    chart('Outlier share (points above the parent’s 99th-percentile outlier score)', lines(labels,
      [{name: 'outlier share', values: vs.map(v => v.outlier_share ?? null)}], percent), 'chart-outliers'),
    chart('Topic drift vs parent (Jensen–Shannon, 0–1)', lines(labels, [
      {name: 'depth 1', values: vs.map(v => v.topic_drift)},
      {name: 'depth 2', values: vs.map(v => v.topic_drift_2)}], plain), 'chart-drift'),
    chart('Embedding drift of new rows (cosine distance of mean vectors)', lines(labels,
      [{name: 'mean shift', values: vs.map(v => v.embedding_drift?.mean_shift ?? null)},
       {name: 'share far from the parent', values: vs.map(v => v.embedding_drift?.far_share ?? null)}], plain),
    'chart-embedding'),
    chart('Rows dropped by validation', stackedBars(labels,
      [{name: 'dropped', values: vs.map(v => v.dropped_rows ?? 0)}], count), 'chart-dropped'),
  );
  return grid;
}

function moversFor(v: any): HTMLElement {
  const sec = el('section', undefined, 'ops-movers');
  sec.append(el('h3', `Topics that moved most in ${v.version}` + (v.topic_drift_by ? ` (matched by ${v.topic_drift_by})` : '')));
  for (const depth of ['depth_1', 'depth_2']) {
    const m = v.topic_movers?.[depth];
    if (!m) continue;
    const t = el('table', undefined, 'ops-table');
    t.append(el('caption', depth.replace('_', ' ')));
    for (const [kind, rows] of [['grew', m.grew], ['shrank', m.shrank]] as [string, any[]][]) {
      for (const r of rows ?? []) {
        const tr = el('tr');
        tr.append(el('td', kind), el('td', r.topic), el('td', `${percent(r.from)} → ${percent(r.to)}`));
        t.append(tr);
      }
    }
    sec.append(t);
  }
  if (!v.topic_movers) sec.append(el('p', 'No parent to compare with.'));
  return sec;
}

function runsTable(d: any): HTMLElement {
  const t = el('table', undefined, 'ops-table');
  t.id = 'ops-runs';
  const head = el('tr');
  for (const h of ['started', 'started by', 'outcome', 'Prefect state', 'run time', 'version', 'error', 'links']) head.append(el('th', h));
  t.append(head);
  for (const r of d.runs) {
    const tr = el('tr');
    tr.dataset.outcome = r.outcome;
    tr.append(el('td', shortTime(r.started_at)), el('td', r.trigger === 'deployment' ? `deployment ${r.deployment ?? ''}` : 'CLI / Python'),
      el('td', r.outcome, `outcome outcome-${r.outcome}`), el('td', r.prefect_state ?? ''), el('td', r.seconds != null ? seconds(r.seconds) : ''),
      el('td', r.version ?? ''), el('td', r.error_class ? `${r.error_class}: ${r.error_message ?? ''}` : '', 'problem'));
    const links = el('td');
    if (r.map_url) links.append(link('map', r.map_url), ' ');
    if (r.prefect_url) links.append(link('Prefect run', r.prefect_url));
    tr.append(links);
    t.append(tr);
  }
  return t;
}

function prefectTable(runs: any[]): HTMLElement {
  const t = el('table', undefined, 'ops-table');
  for (const r of runs) {
    const tr = el('tr');
    const name = r.url ? link(r.name, r.url) : el('span', r.name ?? r.error ?? '');
    const td = el('td'); td.append(name);
    tr.append(td, el('td', String(r.state ?? '')), el('td', shortTime(r.start_time)));
    t.append(tr);
  }
  return t;
}

function versionSelect(vs: any[], chosen: string): HTMLSelectElement {
  const sel = el('select');
  for (const v of vs) {
    const o = el('option', `${v.version}${v.latest ? ' (latest)' : ''}`);
    o.value = v.version;
    o.selected = v.version === chosen;
    sel.append(o);
  }
  return sel;
}

function diffResult(r: any): HTMLElement {
  const out = el('div');
  out.id = 'ops-diff-result';
  out.dataset.added = String(r.rows_added);
  out.dataset.removed = String(r.rows_removed);
  out.append(el('p', `${r.from} → ${r.to}: rows ${count(r.rows.from)} → ${count(r.rows.to)}, `
    + `+${count(r.rows_added)} added, −${count(r.rows_removed)} removed, ~${count(r.rows_changed)} changed; `
    + (r.median_move == null ? 'no kept points' : `median move of kept points ${percent(r.median_move)} of the map's extent`)));
  const t = el('table', undefined, 'ops-table');
  for (const [depth, c] of Object.entries<any>(r.topics ?? {})) {
    for (const kind of ['appeared', 'vanished', 'renamed']) {
      const items: string[] = c[kind] ?? [];
      if (!items.length) continue;
      const tr = el('tr');
      tr.append(el('td', `depth ${depth}`), el('td', `${kind} (${items.length})`), el('td', items.slice(0, 12).join(' · ')));
      t.append(tr);
    }
  }
  if (t.childElementCount) out.append(t); else out.append(el('p', 'No topic appeared, vanished or was renamed.'));
  return out;
}

// `datamap diff` of two versions (defaults: the latest against its parent).
function diffView(dataset: string, vs: any[]): HTMLElement {
  const sec = el('section', undefined, 'ops-diff');
  sec.id = 'ops-diff';
  const last = vs[vs.length - 1];
  const a = versionSelect(vs, last.parent && vs.some(v => v.version === last.parent) ? last.parent : vs[vs.length - 2].version);
  const b = versionSelect(vs, last.version);
  const go = el('button', 'compare');
  const box = el('div');
  const run = async () => {
    box.replaceChildren(el('p', 'comparing…'));
    try {
      const r = await getJSON<any>(`api/ops/${encodeURIComponent(dataset)}/diff?a=${encodeURIComponent(a.value)}&b=${encodeURIComponent(b.value)}`);
      box.replaceChildren(diffResult(r));
    } catch (e) { box.replaceChildren(el('p', String(e), 'problem')); }
  };
  go.addEventListener('click', run);
  sec.append(el('h3', 'Compare two versions'), a, ' → ', b, ' ', go, box);
  run();
  return sec;
}

export async function showOpsDataset(dataset: string) {
  const root = $('ops');
  root.replaceChildren(el('p', 'loading…'));
  const d = await getJSON<any>(`api/ops/${encodeURIComponent(dataset)}`);
  const s = d.status;
  const h = el('h2');
  h.append(link('Operations', '#/ops'), ` › ${dataset} `, badge(s.state));
  h.id = 'ops-title';
  h.dataset.state = s.state;
  const facts = el('p', [`last success ${ago(s.last_success_at)}`, `schedule ${s.schedule ?? 'none'}`,
    s.rows != null ? `${count(s.rows)} rows` : 'no version yet',
    s.state === 'failing' && s.last_run?.error_class ? `last run failed: ${s.last_run.error_class}` : ''].filter(Boolean).join(' · '), 'facts');
  root.replaceChildren(h, facts);
  if (s.latest_version) root.append(link('open the map', `#/map/${encodeURIComponent(dataset)}/${encodeURIComponent(s.latest_version)}`));
  if (d.versions.length) {
    root.append(chartsFor(d), moversFor(d.versions[d.versions.length - 1]));
  }
  if (d.versions.length > 1) root.append(diffView(dataset, d.versions));
  root.append(el('h3', 'Runs (store run log: CLI and scheduled builds)'), runsTable(d));
  if (d.prefect_runs) root.append(el('h3', 'Prefect runs'), prefectTable(d.prefect_runs));
  hooks.opsReady = true;   // not redrawn by itself: its diff view reads two versions' tables
}
