// DOM helpers shared by the page's parts.
//
// Every piece of text that comes from the data is put on the page with textContent
// (never innerHTML), so a record can never inject markup or script: `el` is the one way
// text gets onto the page.

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
