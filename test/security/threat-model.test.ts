import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync('docs/security.md', 'utf8');
/** `test/… › name` references in the threat model. */
const refs = [...doc.matchAll(/`(test\/[^`]+?\.ts) › ([^`]+)`/g)].map((m) => ({ file: m[1]!, name: m[2]! }));

/** Test titles of a file, with template-literal parts (`${ITERATIONS}`, `${name}`) as wildcards. */
function titles(file: string): RegExp[] {
  const source = readFileSync(file, 'utf8');
  const consts = new Map([...source.matchAll(/const ([A-Z_]+) = (\d+);/g)].map((m) => [m[1]!, m[2]!]));
  return [...source.matchAll(/\bit(?:\.fails)?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => {
    const title = m[2]!.replace(/\\(.)/g, '$1');
    const parts = title.split(/(\$\{[^}]+\})/).map((p) => {
      const name = /^\$\{([^}]+)\}$/.exec(p)?.[1];
      if (name === undefined) return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return consts.get(name) ?? '.+';
    });
    return new RegExp(`^${parts.join('')}$`);
  });
}

describe('threat model (docs/security.md)', () => {
  it('names at least one test on every can / cannot line', () => {
    const lines = doc.split('\n');
    const bullets: string[] = [];
    let inList = false;
    for (const line of lines) {
      if (/^\*\*(Kan|Kan ikke)\*\*$/.test(line)) inList = true;
      else if (/^## /.test(line)) inList = false;
      else if (inList && line.startsWith('- ')) bullets.push(line);
      else if (inList && line.startsWith('  ') && bullets.length) bullets[bullets.length - 1] += line;
    }
    expect(bullets.length).toBeGreaterThan(25);
    for (const bullet of bullets) expect(bullet, bullet).toMatch(/`test\/[^`]+ › [^`]+`/);
  });

  it('refers only to tests that exist, by file and exact name', () => {
    expect(refs.length).toBeGreaterThan(40);
    const missing = refs.filter(({ file, name }) => !existsSync(file) || !titles(file).some((re) => re.test(name)));
    expect(missing).toEqual([]);
  });
});
