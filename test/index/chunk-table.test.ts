import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/corpus/types.js';
import { ChunkTable, ChunkTableBuilder } from '../../src/index/chunk-table.js';

/** Chunks with the text a Danish corpus can hold, and the edge cases of every field. */
function sampleChunks(): Chunk[] {
  return [
    {
      id: 'rød-grød#første-afsnit',
      docId: 'rød-grød',
      anchor: 'første-afsnit',
      ordinal: 0,
      title: 'Rødgrød med fløde — Ærø og Øresund',
      kind: 'guide',
      sectionPath: ['Første afsnit', 'Æblegrød i Århus'],
      section: 'Første afsnit › Æblegrød i Århus',
      text: 'Blåbær, æbler og ål; “citat” — og en emoji 🍓👩‍👩‍👧 samt kombinerede tegn: e\u0301, a\u030A (å).',
      line: 12,
    },
    {
      id: 'rød-grød#tom',
      docId: 'rød-grød',
      anchor: 'tom',
      ordinal: 1,
      title: 'Rødgrød med fløde — Ærø og Øresund',
      kind: 'guide',
      sectionPath: [],
      section: '',
      text: '',
      line: 1,
    },
    {
      id: 'english-case#intro',
      docId: 'english-case',
      anchor: 'intro',
      ordinal: 0,
      title: 'An English case',
      kind: 'case',
      sectionPath: ['Intro'],
      section: 'Intro',
      text: 'Plain ASCII text.\nSecond line\twith a tab and \u0000 a NUL.',
      line: 4_000_000_000,
      language: 'en',
    },
    {
      id: 'dansk#da',
      docId: 'dansk',
      anchor: 'da',
      ordinal: 7,
      title: 'Med sprog',
      kind: 'faq',
      sectionPath: ['', 'Tom overskrift før denne'],
      section: ' › Tom overskrift før denne',
      text: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 uden for BMP og ﬁ-ligatur',
      line: 3,
      language: 'da',
    },
  ];
}

describe('ChunkTable', () => {
  it('gives back every chunk equal to the one that went in, with the same keys in the same order', () => {
    const chunks = sampleChunks();
    const table = ChunkTable.from(chunks);
    expect(table.length).toBe(4);
    chunks.forEach((chunk, row) => {
      expect(table.at(row)).toEqual(chunk);
      expect(JSON.stringify(table.at(row))).toBe(JSON.stringify(chunk));
      expect(table.idAt(row)).toBe(chunk.id);
      expect(table.docIdAt(row)).toBe(chunk.docId);
      expect(table.languageAt(row)).toBe(chunk.language);
    });
    expect([...table]).toEqual(chunks);
    expect(table.ids()).toEqual(chunks.map((c) => c.id));
    expect([...table.texts()]).toEqual(chunks.map((c) => c.text));
    expect(table.at(-1)).toBeUndefined();
    expect(table.at(4)).toBeUndefined();
    expect(table.at(0.5)).toBeUndefined();
  });

  it('gives the same object for a row while it is held (retrieval caches by chunk object), new ones when iterated', () => {
    const table = ChunkTable.from(sampleChunks());
    const first = table.at(2);
    expect(table.at(2)).toBe(first);
    expect(table.byId('english-case#intro')).toBe(first);
    expect([...table][2]).not.toBe(first);
    expect([...table][2]).toEqual(first);
  });

  it('finds chunks by id, also ids with æøå, and nothing for an unknown or near id', () => {
    const table = ChunkTable.from(sampleChunks());
    expect(table.rowOf('dansk#da')).toBe(3);
    expect(table.byId('rød-grød#tom')?.ordinal).toBe(1);
    expect(table.rowOf('rød-grød#første-afsnit')).toBe(0);
    expect(table.rowOf('rod-grod#første-afsnit')).toBeUndefined();
    expect(table.rowOf('dansk#d')).toBeUndefined();
    expect(table.rowOf(`${'x'.repeat(500)}#æ`)).toBeUndefined();
    expect(table.idIs(2, 'english-case#intro')).toBe(true);
    expect(table.idIs(2, 'english-case#intr')).toBe(false);
    expect(table.idIs(9, 'english-case#intro')).toBe(false);
    expect(table.hasLanguage('en')).toBe(true);
    expect(ChunkTable.from(sampleChunks().slice(0, 2)).hasLanguage('en')).toBe(false);
  });

  it('finds every id among many (the id hash table at 20.000 rows)', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...sampleChunks()[0]!, id: `d${i % 97}#a${i}` }));
    const table = ChunkTable.from(many);
    for (let i = 0; i < many.length; i += 7) expect(table.rowOf(`d${i % 97}#a${i}`)).toBe(i);
    expect(table.rowOf('d0#a20000')).toBeUndefined();
  });

  it('stores what repeats once: a document’s id, title and kind, and ids and sections it can make', () => {
    const base = sampleChunks()[0]!;
    const chunks = Array.from({ length: 5 }, (_, i) => ({
      ...base,
      id: `${base.docId}#a${i}`,
      anchor: `a${i}`,
      ordinal: i,
      text: `Tekst ${i}`,
    }));
    const table = ChunkTable.from(chunks);
    const count = (text: string) => {
      const needle = new TextEncoder().encode(text);
      let n = 0;
      for (let i = table.payload.indexOf(needle[0]!); i >= 0; i = table.payload.indexOf(needle[0]!, i + 1)) {
        if (needle.every((b, j) => table.payload[i + j] === b)) n++;
      }
      return n;
    };
    expect(count(base.title)).toBe(1);
    expect(count('rød-grød#')).toBe(0);
    expect(count(base.section)).toBe(0);
    expect(count('Æblegrød i Århus')).toBe(5);
    expect([...table]).toEqual(chunks);
    expect(chunks.map((c) => table.rowOf(c.id))).toEqual([0, 1, 2, 3, 4]);
    // a chunk of another document after them holds its own
    const other = { ...base, docId: 'andet', id: 'andet#a0', title: 'Andet' };
    expect([...ChunkTable.from([...chunks, other])].at(-1)).toEqual(other);
  });

  it('copies runs of rows of other tables as they are, the same as adding their chunks', () => {
    const chunks = sampleChunks();
    const first = ChunkTable.from(chunks);
    const extra: Chunk = { ...chunks[0]!, id: 'ny#x', anchor: 'x', text: 'Ny tekst med ø' };
    const built = new ChunkTableBuilder().copy(first, 2, 2).add(extra).copy(first, 0, 1).copy(first, 1, 1).finish();
    const expected = [chunks[2]!, chunks[3]!, extra, chunks[0]!, chunks[1]!];
    expect([...built]).toEqual(expected);
    expected.forEach((chunk, row) => {
      expect(built.rowOf(chunk.id)).toBe(row);
      expect(built.docIdAt(row)).toBe(chunk.docId);
    });
    // copied again from the new table: row 4 (copied alone above) gets its docId and title from
    // row 3, which lies before the run; it is made to hold its own
    const again = new ChunkTableBuilder().copy(built, 4, 1).copy(built, 0, 4).finish();
    expect([...again]).toEqual([expected[4], ...expected.slice(0, 4)]);
    expect(() => new ChunkTableBuilder().copy(first, 3, 2)).toThrow(/Rækkerne 3–4 findes ikke/);
  });

  it('refuses a chunk it cannot store, naming it', () => {
    const [chunk] = sampleChunks();
    expect(() => ChunkTable.from([{ ...chunk!, line: -1 }])).toThrow(/rød-grød#første-afsnit: line skal være/);
    expect(() => ChunkTable.from([{ ...chunk!, ordinal: 1.5 }])).toThrow(/ordinal skal være et helt tal/);
    expect(() => ChunkTable.from([{ ...chunk!, language: 'sv' as 'da' }])).toThrow(/ukendt sprog sv/);
  });

  it('reads a table from its payload at any 4-byte offset, and refuses damaged payloads saying what is wrong', () => {
    const table = ChunkTable.from(sampleChunks());
    const moved = new Uint8Array(table.payload.length + 8);
    moved.set(table.payload, 8);
    expect([...ChunkTable.fromPayload(moved.subarray(8))]).toEqual(sampleChunks());

    const damaged = (change: (words: Uint32Array, bytes: Uint8Array) => void): Uint8Array => {
      const bytes = table.payload.slice();
      change(new Uint32Array(bytes.buffer, 0, bytes.length >>> 2), bytes);
      return bytes;
    };
    const refuse = (bytes: Uint8Array, message: RegExp) => {
      expect(() => ChunkTable.fromPayload(bytes)).toThrow(message);
      expect(() => ChunkTable.fromPayload(bytes)).toThrow(expect.objectContaining({ code: 'index_incompatible' }));
    };
    refuse(
      table.payload.subarray(0, table.payload.length - 4),
      /Tekststykke-tabellen er beskadiget.*forventede \d+ byte/,
    );
    refuse(table.payload.subarray(0, 8), /kun 8 byte/);
    refuse(
      damaged((w) => {
        w[3] = 9;
      }),
      /ukendt tabel-layout 9/,
    );
    // header: 4 words; rowSlots: rows + 1 words; then slotStarts: slot 4 made to start after slot 5
    refuse(
      damaged((w) => {
        w[4 + 5 + 4] = 1_000_000;
      }),
      /felt 4 slutter før det begynder/,
    );
    refuse(
      damaged((w) => {
        w[4 + 1] = 3;
      }),
      /række 0 har for få felter/,
    );
    const rows = 4;
    const slots = new Uint32Array(table.payload.buffer, table.payload.byteOffset, 4)[1]!;
    const flagsAt = 4 * (4 + (rows + 1) + (slots + 1) + 3 * rows);
    refuse(
      damaged((_, b) => {
        b[flagsAt] = 7;
      }),
      /række 0 har et ukendt sprog/,
    );
  });

  it('lives in a SharedArrayBuffer that a worker thread reads in place, not as a copy', async () => {
    const table = ChunkTable.from(sampleChunks());
    expect(table.payload.buffer).toBeInstanceOf(SharedArrayBuffer);
    const url = new URL('../../src/index/chunk-table.ts', import.meta.url).href;
    // the worker registers tsx to import the TypeScript source, makes the table from the parts it
    // is sent and answers with what it reads; asked again, it reads the first chunk's text again
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url)})).then(({ ChunkTable }) => {
        const table = ChunkTable.fromParts(workerData);
        parentPort.on('message', () => parentPort.postMessage(table.at(0).text));
        parentPort.postMessage({ chunks: [...table], row: table.rowOf('dansk#da') });
      });`;
    const worker = new Worker(code, { eval: true, workerData: table.toParts() });
    const next = () =>
      new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    try {
      expect(await next()).toEqual({ chunks: sampleChunks(), row: 3 });
      // change one byte of the first text here ("Blåbær" → "Klåbær"): the worker sees it, so it
      // reads this thread's memory, not a copy of it
      const at = table.payload.lastIndexOf('B'.charCodeAt(0), table.payload.indexOf(0xf0));
      table.payload[at] = 'K'.charCodeAt(0);
      const answer = next();
      worker.postMessage('again');
      expect(await answer).toMatch(/^Klåbær, æbler og ål/);
    } finally {
      await worker.terminate();
    }
  });
});
