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

/** One column of `columnChart`: its axis label, its total and the part of it drawn in the darker colour. */
export interface Column {
  label: string;
  /** Longer label for the summary (e.g. the full date). */
  name: string;
  total: number;
  part: number;
}

/**
 * A vertical column chart as SVG (e.g. questions per day): each column's `part` (answered) in the
 * brand colour, the rest (unanswered) in grey; a few axis labels under it. Screen readers get a
 * summary in its label; the figure that holds it should also give the numbers as a table.
 */
export function columnChart(title: string, columns: Column[], partName: string, restName: string): SVGSVGElement {
  const width = 900;
  const height = 190;
  const axis = 24;
  const top = 12;
  const left = 32;
  const plot = height - axis - top;
  const max = Math.max(1, ...columns.map((c) => c.total));
  const step = (width - left) / Math.max(1, columns.length);
  const total = columns.reduce((n, c) => n + c.total, 0);
  const peak = columns.reduce<Column | undefined>((best, c) => (!best || c.total > best.total ? c : best), undefined);
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    role: 'img',
    'aria-label':
      columns.length === 0
        ? `${title}: ingen data`
        : `${title}: ${total} i alt over ${columns.length} dage` +
          (peak && peak.total > 0 ? `, flest (${peak.total}) ${peak.name}` : ''),
  });
  root.append(
    svg('text', { x: 0, y: top + 10 }, String(max)),
    svg('text', { x: 0, y: top + plot }, '0'),
    svg('line', { x1: left, x2: width, y1: top + plot, y2: top + plot, stroke: 'var(--line)' }),
  );
  const every = Math.max(1, Math.ceil(columns.length / 6));
  columns.forEach((c, i) => {
    const x = left + i * step + step * 0.1;
    const w = Math.max(1, step * 0.8);
    const hTotal = (plot * c.total) / max;
    const hPart = (plot * c.part) / max;
    const rest = svg('rect', { x, y: top + plot - hTotal, width: w, height: hTotal - hPart, fill: 'var(--muted)' });
    const part = svg('rect', { x, y: top + plot - hPart, width: w, height: hPart, fill: 'var(--brand)' });
    const tip = `${c.name}: ${c.total} (${c.part} ${partName}, ${c.total - c.part} ${restName})`;
    rest.append(svg('title', {}, tip));
    part.append(svg('title', {}, tip));
    root.append(rest, part);
    if ((i % every === 0 && columns.length - 1 - i >= every / 2) || i === columns.length - 1) {
      const anchor = i === columns.length - 1 ? 'end' : i === 0 ? 'start' : 'middle';
      const at = anchor === 'end' ? x + w : anchor === 'start' ? x : x + w / 2;
      root.append(svg('text', { x: at, y: height - 6, 'text-anchor': anchor, class: 'axis' }, c.label));
    }
  });
  return root;
}
