import { describe, expect, it } from 'vitest';
import { deserializeIndex, serializeIndex } from '../../src/index/artifact.js';
import { buildIndex } from '../../src/index/build.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { shareParsedStrings } from '../../src/index/shared-strings.js';
import { chunkByHeadings, sampleCorpus } from '../support/index-fixtures.js';
import { createStandInAnalyzer } from './stand-in-analyzer.js';

const analyzer = createStandInAnalyzer();
const embedder = createLocalEmbedder(analyzer, { dimensions: 16 });

async function parsedState() {
  const { state } = await buildIndex({ documents: sampleCorpus(), chunk: chunkByHeadings, analyzer, embedder });
  return { built: state, parsed: deserializeIndex(serializeIndex(state)) };
}

describe('shareParsedStrings', () => {
  it('changes no value of the chunks, documents or manifest', async () => {
    const { built, parsed } = await parsedState();
    shareParsedStrings(parsed.manifest, parsed.documents, parsed.chunks);
    expect(parsed.chunks).toEqual(built.chunks);
    expect(parsed.documents).toEqual(built.documents);
    expect(parsed.manifest).toEqual(built.manifest);
  });

  it('gives a chunk id back at its own position, at another one, and an unknown id as it is', async () => {
    const { parsed } = await parsedState();
    const share = shareParsedStrings(parsed.manifest, parsed.documents, parsed.chunks);
    const id = parsed.chunks[2]!.id;
    expect(share(id, 2)).toBe(id);
    expect(share(`${id}`, 0)).toBe(id);
    expect(share('ukendt#id', 1)).toBe('ukendt#id');
    expect(share('ukendt#id', 99)).toBe('ukendt#id');
  });
});
