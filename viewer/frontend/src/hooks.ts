// Test and benchmark hooks (window.__datamap): the browser tests and bench/viewer.py read
// these to know when the map is ready, how much has loaded and what the last action did.
import {$} from './dom';

export const hooks: any = {ready: false, tilesLoaded: 0, pointsLoaded: 0, firstPointsMs: null as number | null,
  error: null as string | null};
(window as any).__datamap = hooks;

// An error is shown in the status line and kept for the tests, never swallowed.
export function showError(e: unknown) {
  hooks.error = String(e);
  console.error(e instanceof Error ? e.stack : e);
  $('status').textContent = `error: ${e}`;
}
