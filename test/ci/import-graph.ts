import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One relative import: the importing file and the file it names (both relative to the repository root). */
export interface ImportEdge {
  from: string;
  to: string;
}

const STATIC = /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * The specifiers a TypeScript module imports: static imports and re-exports (type-only ones too),
 * side-effect imports and `import()` of a string literal.
 */
export function importSpecifiers(source: string): string[] {
  return [STATIC, SIDE_EFFECT, DYNAMIC].flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

/** Every `.ts` file under `dir`, as paths relative to the working directory. */
export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative imports of every `.ts` file under `dir` (`./x.js` names `./x.ts`). */
export function importEdges(dir: string): ImportEdge[] {
  return typeScriptFiles(dir).flatMap((from) =>
    importSpecifiers(readFileSync(from, 'utf8'))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => ({
        from,
        to: relative('.', resolve(dirname(from), specifier)).replace(/\.js$/, '.ts'),
      })),
  );
}

/**
 * The layer a file of `src/` belongs to: its folder (`http`), an adapter's folder
 * (`adapters/node`) or a top-level file (`errors.ts`). Undefined outside `src/`.
 */
export function layerOf(path: string): string | undefined {
  const parts = relative('src', path).split(sep);
  if (parts[0] === '..' || parts[0] === '') return undefined;
  if (parts.length === 1) return parts[0];
  return parts[0] === 'adapters' ? `adapters/${parts[1]}` : parts[0];
}

/** Layer → the layers it may import directly (`*`: every layer). */
export type LayerTable = Map<string, string[]>;

/**
 * The layer table of a design document: the rows of the table under `## Layers`, whose first cell
 * names the layer (`` `http/` ``) and whose third lists what it may import (`` `ops` ``,
 * `everything`, or `—`); text in parentheses is a comment.
 */
export function parseLayerTable(markdown: string): LayerTable {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Layers'));
  if (!section) throw new Error('The design document has no `## Layers` section');
  const table: LayerTable = new Map();
  for (const line of section.split('\n')) {
    const cells = line.split(/\s\|\s/).map((cell) => cell.replace(/^\|\s*|\s*\|$/g, '').trim());
    if (cells.length < 3 || !/^`[^`]+`$/.test(cells[0]!)) continue;
    const layer = cells[0]!.slice(1, -1).replace(/\/$/, '');
    const allowed = cells[2]!.replace(/\([^)]*\)/g, '').trim();
    if (allowed === 'everything') table.set(layer, ['*']);
    else
      table.set(
        layer,
        [...allowed.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, '')),
      );
  }
  return table;
}

/** Every layer `layer` may import: what its row lists and, in turn, what those may import. */
export function reachable(table: LayerTable, layer: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...(table.get(layer) ?? [])];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (next === '*') return new Set(table.keys());
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(table.get(next) ?? []));
  }
  return seen;
}

/** The cycles of a directed graph: its strongly connected components with more than one node (Tarjan). */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}
