/**
 * `npm run report [-- --format md|csv|json] [--since 30d] [--out fil]`
 * The coverage-gap report from the operations database in DATA_DIR.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openSqliteStore, storePath } from '../src/adapters/node/sqlite-store.js';
import { loadConfig } from '../src/config.js';
import { since } from '../src/ops/duration.js';
import { buildCoverageReport } from '../src/ops/report.js';
import { renderReportCsv, renderReportMarkdown } from '../src/ops/report-render.js';
import { runMain } from './lib/run-main.js';

const USAGE = 'Brug: npm run report -- [--format md|csv|json] [--since 30d] [--out fil]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      format: { type: 'string', default: 'md' },
      since: { type: 'string', default: '30d' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format;
  if (format !== 'md' && format !== 'csv' && format !== 'json') {
    console.error(`Ukendt format "${format}". ${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const path = storePath(config.DATA_DIR);
  if (!existsSync(path)) {
    console.error(`Der er ingen driftsdata endnu: ${path} findes ikke. Start serveren, eller sæt DATA_DIR.`);
    return 1;
  }
  const now = new Date();
  const store = await openSqliteStore(path);
  try {
    const report = await buildCoverageReport(store, { since: since(values.since, now), now });
    const text =
      format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : format === 'csv'
          ? renderReportCsv(report)
          : renderReportMarkdown(report);
    if (values.out) {
      writeFileSync(values.out, text);
      console.error(`Rapporten er skrevet til ${values.out}.`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  } finally {
    await store.close();
  }
}

runMain(main);
