import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnswerResponse } from '../../src/answer/types.js';
import { cleanEnv, copyCorpus, removeTemps, tempDir } from './helpers.js';

const TSX = resolve('node_modules/.bin/tsx');
const ENTRY = resolve('src/runtime/node.ts');
/** Starting tsx on a busy 2-core machine can take many seconds. */
const SLOW = 180_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI (`tsx src/runtime/node.ts …`) with a clean environment plus `env`. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = execFile(
      TSX,
      [ENTRY, ...args],
      { env: cleanEnv({ WATCH_CORPUS: 'false', ...env }), timeout: SLOW - 10_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          fail(new Error(`CLI did not finish (${error.message}); stderr: ${stderr}`));
          return;
        }
        done({ code: child.exitCode, stdout, stderr });
      },
    );
  });
}

afterAll(removeTemps);

describe('CLI: index', () => {
  const corpus = copyCorpus();
  const data = tempDir('opi-cli-data-');
  const env = { CORPUS_DIR: corpus, DATA_DIR: data };

  it(
    'builds the index, lists the documents and saves it under DATA_DIR',
    async () => {
      const run = await cli(['index'], env);
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Dokumenter: 3\s+Tekststykker: \d+/);
      const added = /Tilføjet: (.*)/.exec(run.stdout)?.[1] ?? '';
      expect(added.split(', ').sort()).toEqual(['cykelhjelm', 'forskelle', 'samarbejdsformer']);
      expect(run.stdout).toMatch(/Ændret:\s+—/);
      expect(run.stdout).toMatch(/Fjernet:\s+—/);
      expect(run.stdout).toMatch(/Tid: \d+ ms/);
      expect(existsSync(join(data, 'index', 'index.bin'))).toBe(true);
    },
    SLOW,
  );

  it(
    'adds nothing when run again on an unchanged corpus',
    async () => {
      const run = await cli(['index'], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Dokumenter: 3/);
      expect(run.stdout).toMatch(/Indlejret nu: 0/);
      expect(run.stdout).toMatch(/Tilføjet: —/);
      expect(run.stdout).toMatch(/Ændret:\s+—/);
      expect(run.stdout).toMatch(/Fjernet:\s+—/);
      expect(run.stdout).not.toMatch(/fuld genopbygning/);
    },
    SLOW,
  );

  it(
    'reports an edited document as changed',
    async () => {
      const file = join(corpus, 'case', 'cykelhjelm.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('240 elever', '260 elever'));
      const run = await cli(['index'], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Ændret:\s+cykelhjelm$/m);
      expect(run.stdout).toMatch(/Tilføjet: —/);
    },
    SLOW,
  );

  it(
    'prints `path: field: message` on stderr and exits 1 when a document is malformed',
    async () => {
      const broken = copyCorpus();
      const file = join(broken, 'case', 'cykelhjelm.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('kind: case', 'kind: projekt'));
      const run = await cli(['index'], { CORPUS_DIR: broken, DATA_DIR: tempDir('opi-cli-data-') });
      expect(run.code, run.stderr).toBe(1);
      const line = run.stderr.split('\n').find((l) => l.startsWith('case/cykelhjelm.md'));
      expect(line).toMatch(/^case\/cykelhjelm\.md(:\d+)?: kind: .*kind.*guide, case, advice, event, faq/);
      // the path is said once, not repeated inside the message
      expect(line?.split('case/cykelhjelm.md')).toHaveLength(2);
      // the other documents are indexed
      expect(run.stdout).toMatch(/Dokumenter: 2/);
    },
    SLOW,
  );
});

describe('CLI: ask', () => {
  const corpus = copyCorpus();
  const env = () => ({ CORPUS_DIR: corpus, DATA_DIR: tempDir('opi-cli-data-') });

  it(
    'answers with --json as an AnswerResponse with citations',
    async () => {
      const run = await cli(['ask', 'Hvor mange elever testede cykelhjelmen?', '--json'], env());
      expect(run.code, run.stderr).toBe(0);
      const answer = AnswerResponse.parse(JSON.parse(run.stdout));
      expect(answer.answered).toBe(true);
      expect(answer.answer).toContain('240 elever');
      expect(answer.citations.length).toBeGreaterThan(0);
      expect(answer.citations[0]).toMatchObject({ id: 1, docId: 'cykelhjelm' });
      expect(answer.citations[0]?.url).toMatch(/\/docs\/cykelhjelm#/);
      const markers = [...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      expect(markers.length).toBeGreaterThan(0);
      for (const n of markers) expect(answer.citations.map((c) => c.id)).toContain(n);
    },
    SLOW,
  );

  it(
    'answers in plain text with the sources listed',
    async () => {
      const run = await cli(['ask', 'Hvorfor', 'beslutter', 'offentlige', 'organisationer', 'langsomt?'], env());
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('mange aktører skal inddrages');
      expect(run.stdout).toMatch(/Kilder:\n\[1\] Forskelle mellem offentlige og private parter/);
    },
    SLOW,
  );

  it(
    'exits 2 with a usage line when the question is missing',
    async () => {
      const run = await cli(['ask', '--json'], env());
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/Brug: .*ask.*spørgsmål/);
      expect(run.stdout).toBe('');
    },
    SLOW,
  );

  it(
    'exits 2 on an unknown command',
    async () => {
      const run = await cli(['spørg'], env());
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/Ukendt kommando: spørg/);
      expect(run.stderr).toMatch(/serve, index eller ask/);
    },
    SLOW,
  );

  it(
    'exits 1 with a message when the corpus folder does not exist',
    async () => {
      const run = await cli(['index'], {
        CORPUS_DIR: join(tempDir('opi-cli-none-'), 'mangler'),
        DATA_DIR: tempDir('x'),
      });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/Korpusmappen .*mangler findes ikke/);
    },
    SLOW,
  );
});
