/**
 * `npm run eval` — asks the evaluation questions (test/eval/questions.yaml) and prints
 * hit@1, hit@5, MRR, answer fact recall, abstention accuracy, false abstentions and latency.
 *   --ablation    one row per retrieval configuration (BM25, vector, hybrid, +rerank, +expansion)
 *   --tune-rerank coordinate ascent on the reranker weights (MRR on answerable questions)
 *   --calibrate   fit the answerability model on our set plus the staff dev sets (see README: "Calibration")
 *   --failures    list every failing question
 *   --questions F another question file (e.g. a held-out set)
 *   --readme      write the table into README.md (between the eval markers)
 *   --stored      save the index in a temporary DATA_DIR and answer from the saved index (as the server does)
 *   --search-workers N  with --stored: retrieve in N worker threads over the shared index (SEARCH_WORKERS)
 *   --staff SPLIT the staff-style set (test/eval/staff/SPLIT.yaml, SPLIT = dev | dev2 | test | fresh): one row per failure
 *                 class, with MiniSearch and Orama over the same chunks beside ours; tune on dev, report test
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type AnswerabilityModel, DEFAULT_MODEL } from '../src/retrieval/answerability.js';
import { fitAnswerability } from '../src/retrieval/fit-answerability.js';
import { ALL_STAGES, type RetrievalStages } from '../src/retrieval/retriever.js';
import { readEvalQuestions } from './lib/eval-questions.js';
import { type EvalReport, reportTable, scoreRuns } from './lib/evaluate.js';
import { askAll, openEvalHelpdesk, runEval } from './lib/run-eval.js';
import { chunksOf, miniSearchBaseline, oramaBaseline } from './lib/baselines.js';
import { classRows, classTable } from './lib/class-report.js';
import { tuneRerank } from './lib/tune-rerank.js';

const ABLATION: [string, RetrievalStages][] = [
  ['BM25 alone', { lexical: true, vector: false, rerank: false, expand: false }],
  ['vector alone', { lexical: false, vector: true, rerank: false, expand: false }],
  ['hybrid (RRF)', { lexical: true, vector: true, rerank: false, expand: false }],
  ['hybrid + rerank', { lexical: true, vector: true, rerank: true, expand: false }],
  ['hybrid + rerank + query expansion', ALL_STAGES],
  ['+ relations mined from the corpus', { ...ALL_STAGES, relations: true }],
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const staffArg = args.indexOf('--staff');
  if (staffArg >= 0) return staffEval(args[staffArg + 1] ?? 'dev', args);
  const fileArg = args.indexOf('--questions');
  const file = resolve(fileArg >= 0 ? args[fileArg + 1]! : 'test/eval/questions.yaml');
  const corpusDir = resolve('corpus');
  const questions = await readEvalQuestions(file);
  if (args.includes('--tune-rerank')) {
    // our own set and the two staff-style dev sets; the test half is never used for fitting
    const dev = await readEvalQuestions(resolve('test/eval/staff/dev.yaml'));
    const dev2 = await readEvalQuestions(resolve('test/eval/staff/dev2.yaml'));
    const { weights, before, after } = await tuneRerank([...questions, ...dev, ...dev2], corpusDir);
    console.log(
      `MRR ${before.toFixed(3)} → ${after.toFixed(3)} with weights (paste into RERANK_WEIGHTS):\n${JSON.stringify(weights, null, 2)}`,
    );
    return;
  }
  if (args.includes('--calibrate')) {
    // our own set and the staff-style dev sets; the test halves (test, fresh2-test) are never used for fitting
    const dev = await readEvalQuestions(resolve('test/eval/staff/dev.yaml'));
    const dev2 = await readEvalQuestions(resolve('test/eval/staff/dev2.yaml'));
    const fresh = await readEvalQuestions(resolve('test/eval/staff/fresh.yaml'));
    const fresh2 = await readEvalQuestions(resolve('test/eval/staff/fresh2-dev.yaml'));
    const runs = await runEval([...questions, ...dev, ...dev2, ...fresh, ...fresh2], { corpusDir, rounds: 1 });
    const { model, table } = fitAnswerability(
      runs.map((r) => ({ decision: r.decision, answerable: r.q.expect === 'answer' })),
    );
    console.log(table);
    console.log(
      `\nFitted model (paste into DEFAULT_MODEL in src/retrieval/answerability.ts):\n${JSON.stringify(model, null, 2)}`,
    );
    console.log(`current: ${JSON.stringify(DEFAULT_MODEL)}`);
    return;
  }
  const rows: [string, EvalReport][] = [];
  const configs = args.includes('--ablation') ? ABLATION : [['full pipeline', ALL_STAGES] as [string, RetrievalStages]];
  let last: EvalReport | undefined;
  const dataDir = args.includes('--stored') ? await mkdtemp(join(tmpdir(), 'opi-eval-')) : undefined;
  const workersArg = args.indexOf('--search-workers');
  const searchWorkers = workersArg >= 0 ? Number(args[workersArg + 1]) : 0;
  for (const [name, stages] of configs) {
    const report = scoreRuns(
      await runEval(questions, { corpusDir, stages, ...(dataDir ? { dataDir } : {}), searchWorkers }),
    );
    rows.push([name, report]);
    last = report;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  console.log(`Questions: ${questions.length} (${last?.answerable} answerable) from ${file}\n`);
  console.log(reportTable(rows));
  if (last) {
    console.log(
      `\nFull pipeline: English hit@5 ${last.englishHit5.toFixed(3)}, follow-up hit@5 ${last.followUpHit5.toFixed(3)}, ` +
        `false answers ${last.falseAnswers}, dangling [n] ${last.danglingMarkers}, unsupported [n] ${last.unsupportedMarkers}, p50 ${last.p50Ms.toFixed(1)} ms`,
    );
    if (args.includes('--failures')) for (const f of last.failures) console.log(`- ${f.id} ${f.kind}: ${f.detail}`);
    if (args.includes('--readme')) await writeReadme(rows, last, questions.length);
  }
}

/** The staff-style set of one split, per failure class, beside MiniSearch and Orama over the same chunks. */
async function staffEval(split: string, args: string[]): Promise<void> {
  const splits = [
    'dev',
    'dev2',
    'test',
    'fresh',
    'fresh2-dev',
    'fresh2-test',
    'fresh3',
    'dev3',
    'fresh4-dev',
    'fresh4-test',
    'fresh5-dev',
    'fresh5-test',
    'fresh6-dev',
    'fresh6-test',
    'fresh7-dev',
    'fresh7-test',
    'fresh8-dev',
    'fresh8-test',
    'fresh9-dev',
    'fresh9-test',
  ];
  if (!splits.includes(split)) throw new Error(`--staff takes ${splits.join(', ')}, not ${split}`);
  const file = resolve(`test/eval/staff/${split}.yaml`);
  const questions = await readEvalQuestions(file);
  if (args.includes('--ablation')) return staffAblation(questions, split);
  const helpdesk = await openEvalHelpdesk({ corpusDir: resolve('corpus') });
  const runs = await askAll(helpdesk, questions, 2);
  const chunks = await chunksOf(helpdesk);
  const baselines = [miniSearchBaseline(chunks), await oramaBaseline(chunks)];
  const rows = await classRows(runs, baselines);
  const report = scoreRuns(runs);
  const table = classTable(
    rows,
    baselines.map((b) => b.name),
  );
  console.log(`Staff-style ${split} half: ${questions.length} questions from ${file}\n`);
  console.log(table);
  console.log(
    `\nask in process p50/p95 ${report.p50Ms.toFixed(1)}/${report.p95Ms.toFixed(1)} ms; ` +
      `dangling [n] ${report.danglingMarkers}, unsupported [n] ${report.unsupportedMarkers}`,
  );
  if (args.includes('--failures')) for (const f of report.failures) console.log(`- ${f.id} ${f.kind}: ${f.detail}`);
  if (args.includes('--readme') && split === 'test')
    await writeSection('staff-eval', staffSection(table, questions.length));
}

/** The staff-style stages one by one: each row adds one stage to the row above. */
const STAFF_ABLATION: [string, RetrievalStages][] = [
  ['full pipeline without spelling repair', { ...ALL_STAGES, spelling: false, thesaurus: false }],
  ['+ spelling repair', { ...ALL_STAGES, spelling: true, thesaurus: false }],
  ['+ thesaurus (mythes-da)', { ...ALL_STAGES, spelling: true, thesaurus: true }],
  ['+ spelling repair + relations mined from the corpus', { ...ALL_STAGES, spelling: true, relations: true }],
];

async function staffAblation(questions: Awaited<ReturnType<typeof readEvalQuestions>>, split: string): Promise<void> {
  const lines = [
    '| configuration | top-5 hit | fact in answer | refused | near-miss declined | off-topic declined |',
    '|---|---|---|---|---|---|',
  ];
  for (const [name, stages] of STAFF_ABLATION) {
    const helpdesk = await openEvalHelpdesk({ corpusDir: resolve('corpus'), stages });
    const rows = await classRows(await askAll(helpdesk, questions, 1), []);
    const get = (n: string) => rows.find((r) => r.name === n);
    const all = get('all answerable')!;
    const f = (x: number | undefined) => (x ?? 0).toFixed(2);
    lines.push(
      `| ${name} | ${f(all.hit5)} | ${f(all.factRecall)} | ${f(all.refused)} | ${f(get('nearmiss')?.declined)} | ${f(get('offtopic')?.declined)} |`,
    );
  }
  console.log(`Staff-style ${split} half, stage by stage (${questions.length} questions):\n`);
  console.log(lines.join('\n'));
}

function staffSection(table: string, questions: number): string {
  return [
    `Seneste kørsel ${new Date().toISOString().slice(0, 10)} (\`npm run eval -- --staff test\`, testhalvdelen: ${questions} spørgsmål, ${cpus().length} kerner, Node ${process.version}).`,
    '',
    table,
  ].join('\n');
}

/** Replace one marked section of README.md (`<!-- NAME:start -->` … `<!-- NAME:end -->`). */
async function writeSection(name: string, body: string): Promise<void> {
  const readme = await readFile('README.md', 'utf8');
  const pattern = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`);
  if (!pattern.test(readme)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`);
  await writeFile('README.md', readme.replace(pattern, `<!-- ${name}:start -->\n${body}\n<!-- ${name}:end -->`));
  console.log(`README.md (${name}) updated.`);
}

/** Replace the measured-quality section of README.md (between the eval markers). */
async function writeReadme(rows: [string, EvalReport][], full: EvalReport, questions: number): Promise<void> {
  const readme = await readFile('README.md', 'utf8');
  const section = [
    '<!-- eval:start -->',
    `Seneste kørsel ${new Date().toISOString().slice(0, 10)} (\`npm run eval -- --ablation\`, ${questions} spørgsmål, ${cpus().length} kerner, Node ${process.version}). Latens er hele \`ask\` i processen.`,
    '',
    reportTable(rows),
    '',
    `Fuld pipeline: engelske spørgsmål hit@5 ${full.englishHit5.toFixed(3)}, opfølgninger hit@5 ${full.followUpHit5.toFixed(3)}, ` +
      `forkerte svar på spørgsmål der skulle afvises ${full.falseAnswers}, \`[n]\` uden citation ${full.danglingMarkers}, ` +
      `citerede sætninger der ikke står i passagen ${full.unsupportedMarkers}, p50 ${full.p50Ms.toFixed(1)} ms.`,
    '<!-- eval:end -->',
  ].join('\n');
  const next = readme.replace(/<!-- eval:start -->[\s\S]*<!-- eval:end -->/, section);
  await writeFile('README.md', next);
  console.log('README.md updated.');
}

export type { AnswerabilityModel };
main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
