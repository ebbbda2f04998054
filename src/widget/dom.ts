/** Properties of an element built with `h`. Text only ever goes in as text nodes. */
export interface Props {
  class?: string;
  text?: string;
  attrs?: Record<string, string | undefined>;
}

/** Create an element with attributes and children (strings become text nodes, never HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  children: (Node | string | undefined | false)[] = [],
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined) el.setAttribute(name, value);
  }
  if (props.text !== undefined) el.textContent = props.text;
  for (const child of children) {
    if (child !== undefined && child !== false) el.append(child);
  }
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A decorative 24×24 stroked SVG icon drawn from path data (hidden from assistive technology). */
export function icon(path: string, transform?: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({
    viewBox: '0 0 24 24',
    width: '20',
    height: '20',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    'aria-hidden': 'true',
    focusable: 'false',
  })) {
    svg.setAttribute(k, v);
  }
  const p = document.createElementNS(SVG, 'path');
  p.setAttribute('d', path);
  if (transform) p.setAttribute('transform', transform);
  svg.append(p);
  return svg;
}

/** Icon paths (Feather icons, MIT). */
export const ICONS = {
  chat: 'M21 11.5a8.4 8.4 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.4 8.4 0 0 1-3.8-.9L3 21l1.9-5.7a8.4 8.4 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.4 8.4 0 0 1 3.8-.9h.5a8.5 8.5 0 0 1 8 8z',
  close: 'M18 6 6 18M6 6l12 12',
  thumb:
    'M14 9V5a3 3 0 0 0-3-3l-4 9v11h11.3a2 2 0 0 0 2-1.7l1.4-9a2 2 0 0 0-2-2.3zM7 22H4a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2h3',
  send: 'M22 2 11 13M22 2l-7 20-4-9-9-4z',
  refresh: 'M1 4v6h6M3.5 15a9 9 0 1 0 2.1-9.4L1 10',
} as const;
