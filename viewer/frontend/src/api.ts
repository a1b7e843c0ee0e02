// Small typed wrappers around the datamap server's HTTP API.
import {tableFromIPC} from 'apache-arrow';

export interface ColumnMeta {
  name: string; kind: 'category' | 'numeric'; source: string;
  categories?: string[]; labels?: Record<string, string>; depth?: number; extent?: [number, number];
}
export interface TilesIndex {
  rows: number; capacity: number; max_depth: number; columns: ColumnMeta[];
  tiles: Record<string, [number, number]>;
}
export interface Topic { topic_id: number; depth: number; parent: number | null;
  topic_short_description: string; count: number; x: number; y: number; }
export interface MapInfo {
  dataset: string; version: string; rows: number; text_field: string | null; model: string;
  fields: string[]; semantic_search: boolean; keyword_search: boolean; tags: boolean;
  duplicates: boolean; topics: Topic[] | null; tiles: TilesIndex | null; versions: string[];
}
// The workbench (charts, cross-filter, table): see workbench.ts
export interface ChartMeta {
  name: string; kind: 'number' | 'date' | 'category' | 'list' | 'topic'; label: string; source: string;
  shown: boolean; total: number[]; edges?: number[]; log?: boolean; categories?: string[];
  labels?: Record<string, string>; depth?: number;
}
export interface ColumnsMeta { rows: number; density_rows: number; other: string; missing: string; columns: ChartMeta[]; }
export interface ServerFilter {
  ranges: Record<string, [number, number]>; values: Record<string, string[]>;
  polygon?: number[][]; rows?: number[]; tag?: string;
}
export interface Aggregate {
  rows: number; count: number; charts: Record<string, number[]>; mask?: string;
  density?: {grid: number; counts: string};
}
export interface RowsPage {
  count: number; offset: number; rows: number[]; ids: string[]; x: number[]; y: number[];
  cells: Record<string, (string | number | boolean | null)[]>;
}
export interface Hit { row: number; id: string; x: number; y: number; text: string; score?: number; }

function tokenHeaders(): Record<string, string> {
  const t = sessionStorage.getItem('datamap-token');
  return t ? {'X-Datamap-Token': t} : {};
}

async function check(r: Response): Promise<Response> {
  if (!r.ok) {
    let detail = r.statusText;
    try { const j = await r.json(); detail = j.detail || j.error || detail; } catch { /* not json */ }
    throw new Error(`${r.status}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
  }
  return r;
}

export async function getJSON<T>(url: string): Promise<T> {
  return (await check(await fetch(url))).json();
}

export async function postJSON<T>(url: string, body: unknown): Promise<T> {
  const send = () => fetch(url, {method: 'POST', body: JSON.stringify(body),
    headers: {'Content-Type': 'application/json', ...tokenHeaders()}});
  let r = await send();
  if (r.status === 401) {
    const t = window.prompt('This server needs its access token for changes:');
    if (t) { sessionStorage.setItem('datamap-token', t); r = await send(); }
  }
  return (await check(r)).json();
}

export class MapApi {
  base: string;
  tilePrefix = '';   // 'projections/<name>/' while another layout is shown (projections.ts)
  constructor(public dataset: string, public version: string) {
    this.base = `api/maps/${encodeURIComponent(dataset)}/${encodeURIComponent(version)}`;
  }
  info() { return getJSON<MapInfo>(`${this.base}/info`); }
  async tile(key: string) {
    const r = await check(await fetch(`${this.base}/${this.tilePrefix}tiles/${key}.arrow`));
    return tableFromIPC(new Uint8Array(await r.arrayBuffer()));
  }
  record(row: number) { return getJSON<any>(`${this.base}/records/${row}`); }
  neighbors(row: number, k = 10) { return getJSON<{neighbors: Hit[]}>(`${this.base}/neighbors/${row}?k=${k}`); }
  search(q: string, mode: string, k = 100) {
    return getJSON<{hits: Hit[]; total: number; exact?: boolean}>(`${this.base}/search?q=${encodeURIComponent(q)}&mode=${mode}&k=${k}`);
  }
  select(polygon: number[][]) { return postJSON<{count: number; rows: number[]}>(`${this.base}/select`, {polygon, limit: 0}); }
  tags() { return getJSON<{tags: {name: string; count: number}[]}>(`${this.base}/tags`); }
  tag(name: string) {
    return getJSON<{name: string; count: number; rows: number[]; x: number[]; y: number[]}>(
      `${this.base}/tags/${encodeURIComponent(name)}`);
  }
  columns() { return getJSON<ColumnsMeta>(`${this.base}/columns`); }
  aggregate(filter: ServerFilter, mask: boolean, density: boolean) {
    return postJSON<Aggregate>(`${this.base}/aggregate`, {filter, mask, density});
  }
  rows(body: {filter: ServerFilter; sort: string | null; desc: boolean; offset: number; limit: number; columns: string[]}) {
    return postJSON<RowsPage>(`${this.base}/rows`, body);
  }
  async exportBlob(filter: ServerFilter, format: 'csv' | 'parquet'): Promise<Blob> {
    const r = await check(await fetch(`${this.base}/export`, {method: 'POST', body: JSON.stringify({filter, format}),
      headers: {'Content-Type': 'application/json', ...tokenHeaders()}}));
    return r.blob();
  }
  python(filter: ServerFilter) { return postJSON<{code: string}>(`${this.base}/python`, {filter}); }
  editTag(name: string, body: unknown) {
    return postJSON<{name: string; count: number; changed: number}>(`${this.base}/tags/${encodeURIComponent(name)}`, body);
  }
}
