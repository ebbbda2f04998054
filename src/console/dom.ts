/** Attributes of `h`: strings become attributes, functions named `on…` event listeners, `false`/undefined are skipped. */
export type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;
export type Child = Node | string | false | null | undefined | Child[];

/**
 * An element with attributes and children, built without `innerHTML` (nothing the API returns is
 * ever parsed as HTML).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces the children of `el`. */
export function render(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

let ids = 0;
/** A unique element id with a readable prefix. */
export function uid(prefix: string): string {
  return `${prefix}-${++ids}`;
}

/** A labelled form field: `<label>` and the control, with an optional hint tied by `aria-describedby`. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
  );
}

/** A date as Danish readers write it: 1. december 2026. */
export function danishDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString('da-DK', { day: 'numeric', month: 'long', year: 'numeric' });
}
