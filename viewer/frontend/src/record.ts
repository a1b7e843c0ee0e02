// The record panel: one row's fields, its duplicate cluster and its nearest neighbours;
// and the clickable hit list every panel uses (search, neighbours, duplicates, curation).
import type {Hit} from './api';
import {$, el} from './dom';
import type {MapView} from './mapview';

export async function openRecord(v: MapView, row: number) {
  const panel = $('panel');
  panel.replaceChildren(el('div', 'loading…'));
  const [rec, nb] = await Promise.all([v.api.record(row), v.api.neighbors(row, 10)]);
  panel.replaceChildren();
  const back = el('button', '← back', 'small');
  back.onclick = () => v.renderPanelHome();
  panel.append(back, el('h3', String(rec.id)));
  const dl = el('dl', undefined, 'rec');
  for (const [k, x] of Object.entries(rec.fields)) {
    dl.append(el('dt', k), el('dd', Array.isArray(x) ? x.join(', ') : x === null ? '—' : String(x)));
  }
  panel.append(dl);
  if (rec.duplicate_cluster) {
    panel.append(el('h3', `Duplicate cluster ${rec.duplicate_cluster.cluster_id} (${rec.duplicate_cluster.members.length})`));
    v.hitList(panel, rec.duplicate_cluster.members);
  }
  panel.append(el('h3', 'Nearest neighbours'));
  v.hitList(panel, nb.neighbors);
}

export function hitList(v: MapView, root: HTMLElement, hits: Hit[]) {
  for (const h of hits) {
    const item = el('div', undefined, 'item');
    item.append(el('b', String(h.id)), document.createTextNode(`  ${h.text}`));
    if (h.score !== undefined) item.title = `distance ${h.score.toFixed(3)}`;
    item.onclick = async () => {   // server positions are the main layout's: fly to the one on screen
      const [p] = await v.proj.remapHits([h]);
      v.flyTo(p.x, p.y); v.openRecord(h.row);
    };
    root.append(item);
  }
}
