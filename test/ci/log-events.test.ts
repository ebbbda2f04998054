import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every `logger.<level>(…)` call of a file, as written (up to its closing parenthesis). */
function logCalls(text: string): { line: number; call: string }[] {
  const out: { line: number; call: string }[] = [];
  for (const m of text.matchAll(/logger\.(?:info|warn|error|debug)\(/g)) {
    let depth = 1;
    let i = (m.index ?? 0) + m[0].length;
    while (depth > 0 && i < text.length) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
      i++;
    }
    out.push({ line: text.slice(0, m.index).split('\n').length, call: text.slice(m.index, i) });
  }
  return out;
}

describe('log lines', () => {
  it('are written in English with a stable event key (texts for people stay Danish in `explanation`)', () => {
    const problems: string[] = [];
    for (const file of sourceFiles(SRC)) {
      for (const { line, call } of logCalls(readFileSync(file, 'utf8'))) {
        const where = `${relative(SRC, file)}:${line}`;
        if (!/\bevent:\s*'[a-z][a-z0-9_]*\.[a-z0-9_.]+'/.test(call)) problems.push(`${where} has no dotted event key`);
        const message = /^logger\.\w+\(\s*(['`])((?:\\.|(?!\1).)*)\1/s.exec(call)?.[2] ?? '';
        if (/[æøåÆØÅ]/.test(message)) problems.push(`${where} logs a Danish message`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds the calls it checks (the scan itself works)', () => {
    const calls = logCalls("a; logger.warn('x', { event: 'a.b' }); logger.info('y', f(g(1)));");
    expect(calls.map((c) => c.call)).toEqual(["logger.warn('x', { event: 'a.b' })", "logger.info('y', f(g(1)))"]);
  });
});
