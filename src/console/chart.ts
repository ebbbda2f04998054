const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * A horizontal bar chart as SVG, one bar per row; screen readers get the numbers in its label
 * (`role="img"`), so the figure says the same to everyone.
 */
export function barChart(title: string, rows: [label: string, value: number][], color = 'var(--brand)'): SVGSVGElement {
  if (rows.length === 0) rows = [['Ingen data', 0]];
  const width = 320;
  const bar = 22;
  const gap = 8;
  const labelWidth = 110;
  const height = rows.length * (bar + gap) + gap;
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    role: 'img',
    'aria-label': `${title}: ${rows.map(([l, v]) => `${l} ${v}`).join(', ')}`,
  });
  rows.forEach(([label, value], i) => {
    const y = gap + i * (bar + gap);
    const w = Math.round(((width - labelWidth - 40) * value) / max);
    root.append(
      svg('text', { x: 0, y: y + bar * 0.7 }, label),
      svg('rect', { x: labelWidth, y, width: Math.max(w, 1), height: bar, rx: 3, fill: color }),
      svg('text', { x: labelWidth + w + 6, y: y + bar * 0.7 }, String(value)),
    );
  });
  return root;
}
