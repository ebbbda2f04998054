import { describe, expect, it } from 'vitest';
import { deserializeIndex, serializeIndex } from '../../src/index/artifact.js';
import { buildIndex } from '../../src/index/build.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { chunkIdSharer, shareParsedStrings } from '../../src/index/shared-strings.js';
import { chunkByHeadings, sampleCorpus } from '../support/index-fixtures.js';
import { createStandInAnalyzer } from './stand-in-analyzer.js';

const analyzer = createStandInAnalyzer();
const embedder = createLocalEmbedder(analyzer, { dimensions: 16 });

async function parsedState() {
  const { state } = await buildIndex({ documents: sampleCorpus(), chunk: chunkByHeadings, analyzer, embedder });
  return { built: state, parsed: deserializeIndex(serializeIndex(state)) };
}

describe('shareParsedStrings', () => {
  it('changes no value of the documents or manifest', async () => {
    const { built, parsed } = await parsedState();
    shareParsedStrings(parsed.manifest, parsed.documents);
    expect(parsed.documents).toEqual(built.documents);
    expect(parsed.manifest).toEqual(built.manifest);
  });

  it('gives each chunk id back in order, skips ids of removed chunks, and keeps an id out of order as it is', async () => {
    const { parsed } = await parsedState();
    const ids = parsed.chunks.ids();
    const share = chunkIdSharer(parsed.manifest);
    // as from an index after an edit: chunk 2 removed, a new id, chunk 1 re-added at the end
    const asked = [ids[0]!, ids[1]!, ids[3]!, ids[4]!, 'ny#id', ids[5]!, ids[6]!, ids[1]!].map((id) => `${id}`);
    expect(asked.map(share)).toEqual([ids[0], ids[1], ids[3], ids[4], 'ny#id', ids[5], ids[6], ids[1]]);
  });
});
