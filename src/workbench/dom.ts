// A few DOM helpers: elements are built with properties and text, never from HTML strings.

type Attrs = Record<string, string | number | boolean | undefined>;

/** An element with attributes (false/undefined ones left out) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string | undefined | false>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'value' && 'value' in el) (el as unknown as { value: string }).value = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== false) el.append(child);
  return el;
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function setText(id: string, text: string) {
  byId(id).textContent = text;
}
