import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, storePath } from '../../src/adapters/node/sqlite-store.js';
import { EscalationInput, FeedbackInput } from '../../src/store/store.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** Runs one of our scripts with tsx; resolves with its exit code and output. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      [TSX, join(ROOT, 'scripts', script), ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

const TEMPLATE = `---
title: "Kommunenavn: kort beskrivelse af casen"
kind: case
summary: "Én eller to sætninger."
tags: [case]
source:
  organisation: "Organisationen"
  title: "Den oprindelige teksts titel"
updated: "2026-01-01"
language: da
---

## Kort om casen

<!-- Hvem, hvad og resultatet. -->

## Resultatet

<!-- Hvad kom der ud af det? -->
`;

const GOOD_DOC = `---
title: "Hvad er OPI?"
kind: guide
summary: "Kort om OPI."
tags: [opi]
source:
  organisation: "Erhvervsstyrelsen"
  title: "Guide"
updated: "2025-01-01"
---

## Kort fortalt

OPI er samarbejde mellem offentlige og private parter.
`;

let dir: string;
let corpus: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'helpdesk-scripts-'));
  corpus = join(dir, 'corpus');
  for (const sub of ['_templates', 'case', 'guide', 'faq']) mkdirSync(join(corpus, sub), { recursive: true });
  writeFileSync(join(corpus, '_templates', 'case.md'), TEMPLATE);
  writeFileSync(join(corpus, 'guide', 'hvad-er-opi.md'), GOOD_DOC);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run new', () => {
  it('scaffolds a case from the template with slug, title and date, and never overwrites', async () => {
    const title = 'Aalborg: Plejehjem & medicinhåndtering';
    const first = await run('new-document.ts', ['case', title, '--corpus', corpus, '--date', '2025-05-04']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const path = join(corpus, 'case', 'aalborg-plejehjem-medicinhaandtering.md');
    expect(first.stdout.trim()).toBe(path);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(`title: "${title}"`);
    expect(text).toContain('updated: "2025-05-04"');
    expect(text).toContain('## Kort om casen');

    writeFileSync(path, `${text}\nRedigeret.\n`);
    const again = await run('new-document.ts', ['case', title, '--corpus', corpus]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/findes allerede/);
    expect(readFileSync(path, 'utf8')).toContain('Redigeret.');
  }, 60_000);

  it("uses today's date and refuses an id used by another kind", async () => {
    const before = new Date().toLocaleDateString('sv-SE');
    const res = await run('new-document.ts', ['case', 'Ny', 'case', '--corpus', corpus]);
    const after = new Date().toLocaleDateString('sv-SE');
    expect(res.code).toBe(0);
    const text = readFileSync(join(corpus, 'case', 'ny-case.md'), 'utf8');
    expect([`updated: "${before}"`, `updated: "${after}"`].some((line) => text.includes(line))).toBe(true);

    const clash = await run('new-document.ts', ['case', 'Hvad er OPI', '--corpus', corpus]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('hvad-er-opi');
  }, 60_000);

  it('fails clearly without a template or with an unknown kind', async () => {
    const noTemplate = await run('new-document.ts', ['faq', 'Et spørgsmål', '--corpus', corpus]);
    expect(noTemplate.code).toBe(1);
    expect(noTemplate.stderr).toMatch(/Skabelonen .*_templates.faq\.md findes ikke/);
    const badKind = await run('new-document.ts', ['nyhed', 'X', '--corpus', corpus]);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toMatch(/Ukendt dokumenttype "nyhed"/);
  }, 60_000);
});

describe('npm run corpus:check', () => {
  it('passes a clean corpus', async () => {
    const res = await run('corpus-check.ts', ['--corpus', corpus]);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toContain('1 dokumenter kontrolleret: 0 fejl');
  }, 60_000);

  it('prints path:line messages and exits 1 on errors', async () => {
    writeFileSync(
      join(corpus, 'case', 'aarhus.md'),
      GOOD_DOC.replace('kind: guide', 'kind: case')
        .replace('Hvad er OPI?', 'Aarhus')
        .replace('OPI er samarbejde', 'Se [guiden](../guide/findes-ikke.md). OPI er samarbejde'),
    );
    writeFileSync(
      join(corpus, 'faq', 'uden-kilde.md'),
      GOOD_DOC.replace('kind: guide', 'kind: faq').replace(/source:\n( {2}.*\n)+/, ''),
    );
    const res = await run('corpus-check.ts', ['--corpus', corpus]);
    expect(res.code).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toContain(
      `${corpus}/case/aarhus.md:14: linket ../guide/findes-ikke.md peger på guide/findes-ikke.md, som ikke findes i korpusset`,
    );
    expect(lines.some((l) => l.startsWith(`${corpus}/faq/uden-kilde.md:`) && l.includes('source'))).toBe(true);
    expect(lines.at(-1)).toMatch(/3 dokumenter kontrolleret: [1-9]\d* fejl/);
  }, 60_000);

  it('flags the empty sections of a freshly scaffolded document', async () => {
    expect((await run('new-document.ts', ['case', 'Tom case', '--corpus', corpus])).code).toBe(0);
    const res = await run('corpus-check.ts', ['--corpus', corpus]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${corpus}/case/tom-case.md:13: afsnittet "Kort om casen" er tomt`);
    expect(res.stderr).toContain(`${corpus}/case/tom-case.md:17: afsnittet "Resultatet" er tomt`);
  }, 60_000);
});

describe('npm run report and npm run purge', () => {
  it('reports from DATA_DIR, purges by retention and deletes by e-mail', async () => {
    const dataDir = join(dir, 'data');
    const old = new Date(Date.now() - 200 * 86_400_000);
    let now = old;
    const store = await openSqliteStore(storePath(dataDir), { now: () => now });
    await store.logQuestion({
      question: 'Gammelt spørgsmål om parkering',
      channel: 'web',
      answered: false,
      topScore: 0,
      citedChunkIds: [],
      latencyMs: 1,
    });
    now = new Date();
    for (const q of ['Hvem ejer IP-rettighederne?', 'Hvem ejer IP-rettighederne i projektet?']) {
      await store.logQuestion({
        question: q,
        channel: 'web',
        answered: false,
        topScore: 0,
        citedChunkIds: [],
        latencyMs: 1,
      });
    }
    await store.addFeedback(
      FeedbackInput.parse({ question: 'q', answer: 'a', rating: 'down', citedChunkIds: ['hvad-er-opi#x'] }),
    );
    await store.createEscalation(EscalationInput.parse({ question: 'Hjælp', email: 'per@firma.dk' }));
    await store.close();
    const env = { DATA_DIR: dataDir };

    const md = await run('report.ts', [], env);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Dækningsrapport/);
    expect(md.stdout).toContain('Hvem ejer IP-rettighederne?');
    expect(md.stdout).not.toContain('parkering');

    const out = join(dir, 'rapport.csv');
    const csv = await run('report.ts', ['--format', 'csv', '--since', '365d', '--out', out], env);
    expect(csv.code).toBe(0);
    const csvText = readFileSync(out, 'utf8');
    expect(csvText).toContain('parkering');
    expect(csvText).toContain('dokument,1,hvad-er-opi,1,0');

    const purge = await run('purge.ts', [], { ...env, RETENTION_DAYS: '90' });
    expect(purge.code).toBe(0);
    expect(purge.stdout).toContain('1 spørgsmål');
    const byEmail = await run('purge.ts', ['--email', 'Per@Firma.dk'], env);
    expect(byEmail.stdout).toContain('Slettede 1 henvendelse');

    const check = await openSqliteStore(storePath(dataDir));
    expect((await check.listQuestions()).length).toBe(2);
    expect(await check.listEscalations()).toEqual([]);
    await check.close();
  }, 60_000);

  it('says so when there is no database yet', async () => {
    const res = await run('report.ts', [], { DATA_DIR: join(dir, 'nothing') });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/ingen driftsdata/i);
    const bad = await run('purge.ts', ['--email', 'nope'], { DATA_DIR: join(dir, 'nothing') });
    expect(bad.code).toBe(2);
  }, 60_000);
});
