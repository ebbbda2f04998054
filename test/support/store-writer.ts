/**
 * Child process for the crash tests: opens the SQLite store at argv[2] and writes feedback and
 * escalations as fast as it can, printing `F <id>` / `E <id>` once each write is acknowledged
 * (its promise resolved). The parent SIGKILLs it at a random moment.
 */
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';

const store = await openSqliteStore(process.argv[2]!);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  if (i % 3 === 2) {
    const e = await store.createEscalation({
      question: `Spørgsmål ${i} om samarbejde`,
      conversation: [{ role: 'user', content: `Tur ${i}` }],
      email: `borger${i}@example.dk`,
      channel: 'web',
    });
    process.stdout.write(`E ${e.id}\n`);
  } else {
    const f = await store.addFeedback({
      question: `Spørgsmål ${i}`,
      answer: `Svar ${i} [1]`,
      rating: i % 2 ? 'up' : 'down',
      citedChunkIds: ['dok#a'],
      channel: 'web',
    });
    process.stdout.write(`F ${f.id}\n`);
  }
}
