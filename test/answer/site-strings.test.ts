import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The one module whose user-facing strings may name OPI: the default `site.yaml`. */
const DEFAULTS = 'src/answer/site-defaults.ts';

/**
 * Strings that name OPI for a reason other than the product's identity, each with that reason.
 * Escalation references (`OPI-2026-0042`) are stored data: migration 2 numbered existing cases with
 * this prefix, and references stay unique only while the prefix is fixed.
 */
const ALLOWED: Record<string, string> = {
  'src/store/sql-store.ts': "REFERENCE_PREFIX = 'OPI' (stored escalation references)",
  'src/store/migrations.ts': "SELECT 'OPI-' || … (migration 2 numbering existing escalations)",
};

/** OPI as a word (not `opi-helpdesk`, `opiHelpdesk` or `OPI_SITE`), and the topic in Danish and English. */
const OPI_SPECIFIC = /\bOPI\b|offentlig-privat|offentligt-privat|public-private/i;
const CASE_SENSITIVE_OPI = /\bOPI\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'data' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The code of a TypeScript file without its comments (esbuild drops them), one statement a line. */
function codeOf(path: string): string {
  return transformSync(readFileSync(path, 'utf8'), { loader: 'ts', format: 'esm', legalComments: 'none' }).code;
}

/** Lines of code (not comments) that carry an OPI-specific string. */
function opiLines(code: string): string[] {
  return code.split('\n').filter((line) => {
    // the few comments esbuild keeps (before object methods) start their line
    if (/^\s*(\/\/|\/\*|\*)/.test(line)) return false;
    const m = OPI_SPECIFIC.exec(line);
    if (!m) return false;
    // "opi" in lower case is an identifier or key (`opi.escalate`, `opi-helpdesk:`), not the name
    return /^opi$/i.test(m[0]) ? CASE_SENSITIVE_OPI.test(line) : true;
  });
}

describe('the product identity in src/', () => {
  it('names OPI or public-private innovation in no user-facing string outside the default site', () => {
    const found: string[] = [];
    for (const file of sourceFiles('src')) {
      const path = relative('.', file).split('\\').join('/');
      if (path === DEFAULTS || path in ALLOWED) continue;
      for (const line of opiLines(codeOf(file))) found.push(`${path}: ${line.trim().slice(0, 160)}`);
    }
    expect(found).toEqual([]);
  });

  it('finds such a string when one is there, but not in comments or identifiers', () => {
    const code = codeOf('src/answer/site-defaults.ts');
    expect(opiLines(code).length).toBeGreaterThan(3);
    const sample = transformSync(
      [
        '// OPI in a comment',
        '/** offentlig-privat innovation */',
        "const opiHelpdesk = 'opi.escalate';",
        'export const api = {',
        '  /** Returns `OPI-2026-0042`. */',
        '  ask() {},',
        '};',
        "export const OPI_SITE = { key: 'opi-helpdesk:x' };",
        'export const text = `Kontakt en OPI-rådgiver`;',
      ].join('\n'),
      { loader: 'ts', legalComments: 'none' },
    ).code;
    expect(opiLines(sample).map((l) => l.trim())).toEqual(['export const text = `Kontakt en OPI-r\\xE5dgiver`;']);
  });

  it('leaves only the stored escalation reference prefix in the allowed list', () => {
    for (const [path] of Object.entries(ALLOWED)) expect(opiLines(codeOf(path)).length, path).toBeGreaterThan(0);
  });
});
