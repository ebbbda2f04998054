/**
 * `npm run import -- SOURCE... [--into DIR] [--kind KIND] [--language da|en|auto] [--organisation NAVN]
 *  [--corpus DIR] [--dry-run] [--force]`
 * Converts Markdown trees, Word, HTML, PDF and text files into corpus documents and prints what was
 * imported, skipped (with the reason) and lost on the way. Exits 1 only when nothing was imported.
 */
import { parseArgs } from 'node:util';
import { type ImportRequest, importToDirectory } from '../src/adapters/node/import-files.js';
import { ImportOptions } from '../src/import/options.js';
import { runMain } from './lib/run-main.js';

const USAGE = `Brug: npm run import -- KILDE... [--into MAPPE] [--kind guide|case|advice|event|faq]
       [--language da|en|auto] [--organisation NAVN] [--corpus MAPPE] [--dry-run] [--force]

KILDE er en mappe (læses rekursivt) eller filer: .md .markdown .mdx .docx .html .htm .pdf .txt.
Standardmappen er corpus/imported/<kildens navn>/. Eksisterende filer overskrives kun med --force.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      into: { type: 'string' },
      kind: { type: 'string' },
      language: { type: 'string' },
      organisation: { type: 'string' },
      corpus: { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const parsed = ImportOptions.safeParse({
    kind: values.kind,
    language: values.language,
    organisation: values.organisation,
    today: new Date().toISOString().slice(0, 10),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    console.error(`--${String(issue.path[0])}: ${issue.message}\n\n${USAGE}`);
    return 1;
  }
  const started = performance.now();
  const request: ImportRequest = {
    sources: positionals,
    corpusDir: values.corpus ?? process.env.CORPUS_DIR ?? 'corpus',
    dryRun: values['dry-run'] ?? false,
    force: values.force ?? false,
    options: parsed.data,
    ...(values.into ? { into: values.into } : {}),
  };
  const reports = await importToDirectory(request);

  let imported = 0;
  let skipped = 0;
  let warnings = 0;
  const verb = request.dryRun ? 'ville blive importeret' : 'importeret';
  for (const report of reports) {
    imported += report.written.length;
    skipped += report.skipped.length;
    console.log(`\n${report.source} → ${report.into || '(intet)'}: ${report.written.length} dokumenter ${verb}`);
    if (report.skipped.length) {
      console.log(`Sprunget over (${report.skipped.length}):`);
      for (const s of report.skipped) console.log(`  ${s.sourcePath}: ${s.reason}`);
    }
    const warned = report.written.filter((d) => d.warnings.length);
    if (warned.length) {
      console.log('Advarsler:');
      for (const doc of warned) {
        for (const w of doc.warnings) console.log(`  ${doc.sourcePath}: ${w}`);
        warnings += doc.warnings.length;
      }
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `\nI alt: ${imported} dokumenter ${verb}, ${skipped} sprunget over, ${warnings} advarsler (${seconds} s).` +
      (imported && !request.dryRun ? ' Kør `npm run corpus:check` og derefter `npm run index`.' : ''),
  );
  return imported > 0 ? 0 : 1;
}

runMain(main);
