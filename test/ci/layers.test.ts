import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cycles,
  type ImportEdge,
  importEdges,
  importSpecifiers,
  type LayerTable,
  layerOf,
  parseLayerTable,
  reachable,
} from './import-graph.js';

/** The layer table of docs/design.md: the rules the imports of src/ are checked against. */
const table = parseLayerTable(readFileSync('docs/design.md', 'utf8'));
const edges = importEdges('src');

/** The imports of `edges` that leave src/ or go against `rules`, as readable lines. */
function violations(rules: LayerTable, all: ImportEdge[]): string[] {
  return all.flatMap(({ from, to }) => {
    const [a, b] = [layerOf(from)!, layerOf(to)];
    if (b === undefined) return [`${from} imports ${to}, outside src/`];
    if (a === b || reachable(rules, a).has(b)) return [];
    return [`${from} imports ${to}: ${a} may not import ${b}`];
  });
}

/** The layer graph of `all`: which layers import which. */
function layerGraph(all: ImportEdge[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of all) {
    const [a, b] = [layerOf(from)!, layerOf(to)];
    if (b === undefined || a === b) continue;
    graph.set(a, (graph.get(a) ?? new Set()).add(b));
  }
  return graph;
}

describe('the layer table of docs/design.md', () => {
  it('has a row for every folder and top-level file of src/, and none for what is gone', () => {
    const layers = readdirSync('src', { withFileTypes: true }).flatMap((entry) =>
      entry.name === 'adapters'
        ? readdirSync('src/adapters').map((name) => `adapters/${name}`)
        : [entry.name.replace(/\/$/, '')],
    );
    expect([...table.keys()].sort()).toEqual(layers.sort());
  });

  it('names only layers it has rows for', () => {
    const unknown = [...table].flatMap(([layer, allowed]) =>
      allowed.filter((name) => name !== '*' && !table.has(name)).map((name) => `${layer} → ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('allows no cycle: below `runtime/`, no layer may import one that may import it', () => {
    const graph = new Map([...table].filter(([, allowed]) => !allowed.includes('*')).map(([l, a]) => [l, new Set(a)]));
    expect(cycles(graph)).toEqual([]);
  });
});

describe('imports of src/', () => {
  it('follow the layer table and never leave src/ (no build scripts, no tests)', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(violations(table, edges)).toEqual([]);
  });

  it('form no cycle between folders', () => {
    expect(cycles(layerGraph(edges))).toEqual([]);
  });
});

describe('the checker itself', () => {
  it('finds static, type-only, re-exported, side-effect and dynamic imports', () => {
    const source = [
      "import { a } from './a.js';",
      "import type {\n  B,\n  C,\n} from '../b.js';",
      "export { d } from './d.js';",
      "export * from './e.js';",
      "import './f.js';",
      "const g = await import('./g.js');",
      "import { z } from 'zod';",
      "const text = 'nothing from here';",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual([
      '../b.js',
      './a.js',
      './d.js',
      './e.js',
      './f.js',
      './g.js',
      'zod',
    ]);
  });

  it('allows what a row lists and what that allows in turn, and reports the rest', () => {
    const rules: LayerTable = new Map([
      ['answer', ['retrieval']],
      ['retrieval', ['text']],
      ['text', []],
      ['runtime', ['*']],
    ]);
    const edge = (from: string, to: string) => ({ from: `src/${from}/x.ts`, to: `src/${to}/y.ts` });
    expect(violations(rules, [edge('answer', 'text'), edge('runtime', 'answer'), edge('text', 'text')])).toEqual([]);
    expect(violations(rules, [edge('text', 'answer')])).toEqual([
      'src/text/x.ts imports src/answer/y.ts: text may not import answer',
    ]);
    expect(violations(rules, [{ from: 'src/runtime/node.ts', to: 'scripts/build-widget.ts' }])).toEqual([
      'src/runtime/node.ts imports scripts/build-widget.ts, outside src/',
    ]);
  });

  it('finds a cycle between folders, however long', () => {
    const graph = layerGraph([
      { from: 'src/http/app.ts', to: 'src/channels/routes.ts' },
      { from: 'src/channels/routes.ts', to: 'src/store/store.ts' },
      { from: 'src/store/store.ts', to: 'src/http/deps.ts' },
      { from: 'src/text/a.ts', to: 'src/errors.ts' },
    ]);
    expect(cycles(graph)).toEqual([['channels', 'http', 'store']]);
  });

  it('reads the table rows of the design document, with comments in parentheses', () => {
    const rules = parseLayerTable(
      [
        '## Layers',
        '| folder | owns | may import |',
        '| --- | --- | --- |',
        '| `widget/` | the widget | — (talks to the HTTP API only) |',
        '| `console/` | the console | `widget` (its theme) |',
        '| `adapters/node/` | Node | `http`, `adapters/openai` |',
        '| `runtime/` | entry points | everything |',
        '## Ports',
        '| `store/` | not a layer row | `x` |',
      ].join('\n'),
    );
    expect([...rules]).toEqual([
      ['widget', []],
      ['console', ['widget']],
      ['adapters/node', ['http', 'adapters/openai']],
      ['runtime', ['*']],
    ]);
  });
});
