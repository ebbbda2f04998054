/**
 * `npm run purge` deletes operations data older than RETENTION_DAYS (default 90);
 * `npm run purge -- --email navn@eksempel.dk` deletes every escalation with that e-mail, and the
 * logged questions and feedback that mention it.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openSqliteStore, storePath } from '../src/adapters/node/sqlite-store.js';
import { loadConfig } from '../src/config.js';
import { purgeExpired } from '../src/ops/retention.js';
import { runMain } from './lib/run-main.js';

const USAGE = 'Brug: npm run purge [-- --days N] | npm run purge -- --email navn@eksempel.dk';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      days: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.email !== undefined && !z.email().safeParse(values.email.trim()).success) {
    console.error(`"${values.email}" er ikke en gyldig e-mailadresse. ${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const days = values.days === undefined ? config.RETENTION_DAYS : Number(values.days);
  if (!Number.isInteger(days) || days <= 0) {
    console.error(`--days skal være et positivt helt tal, ikke "${values.days}". ${USAGE}`);
    return 2;
  }
  const path = storePath(config.DATA_DIR);
  if (!existsSync(path)) {
    console.log(`Intet at slette: ${path} findes ikke.`);
    return 0;
  }
  const store = await openSqliteStore(path);
  try {
    if (values.email !== undefined) {
      const deleted = await store.deleteByEmail(values.email);
      console.log(
        `Slettede ${deleted.escalations} henvendelse(r) med e-mailadressen ${values.email.trim()} ` +
          `og ${deleted.questions} spørgsmål og ${deleted.feedback} feedback, der nævnte den.`,
      );
      return 0;
    }
    const removed = await purgeExpired(store, days);
    console.log(
      `Slettede data ældre end ${days} dage: ${removed.questions} spørgsmål, ${removed.feedback} feedback, ` +
        `${removed.escalations} løste henvendelser.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

runMain(main);
