// The catalog page: every dataset in the store and its versions, each linking to its map.
import {getJSON} from './api';
import {$, el} from './dom';

export async function showCatalog() {
  const root = $('catalog');
  root.replaceChildren(el('h2', 'Maps'));
  const cat = await getJSON<any>('api/catalog');
  if (!cat.datasets.length) root.append(el('p', 'No maps in this store yet. Build one with `datamap build`.'));
  for (const d of cat.datasets) {
    root.append(el('h3', d.dataset));
    const t = el('table');
    const head = el('tr');
    for (const h of ['version', 'rows', 'built at', 'build time', 'validation', '']) head.append(el('th', h));
    t.append(head);
    for (const v of d.versions) {
      const tr = el('tr');
      const a = el('a', v.version);
      a.href = `#/map/${encodeURIComponent(d.dataset)}/${encodeURIComponent(v.version)}`;
      const td = el('td'); td.append(a); tr.append(td);
      tr.append(el('td', (v.rows ?? 0).toLocaleString()));
      tr.append(el('td', String(v.created_at ?? '').slice(0, 19).replace('T', ' ')));
      tr.append(el('td', v.build_seconds ? `${v.build_seconds.toFixed(1)} s` : ''));
      tr.append(el('td', v.validation === true ? 'passed' : v.validation === false ? 'failed' : 'unknown'));
      tr.append(el('td', v.latest ? 'latest' : ''));
      t.append(tr);
    }
    root.append(t);
  }
}
