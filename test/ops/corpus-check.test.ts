import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/corpus/types.js';
import { checkCorpus, formatProblem } from '../../src/ops/corpus-check.js';

/** A valid document with the given title and body. */
function doc(path: string, title: string, body: string, extraFront = ''): SourceFile {
  const kind = path.split('/')[0];
  return {
    path,
    content: `---
title: "${title}"
kind: ${kind}
summary: "Et resumé."
tags: [opi]
source:
  organisation: "Erhvervsstyrelsen"
  title: "Guide"
  url: "https://example.org/x"
updated: "2025-01-01"${extraFront}
---

${body}`,
  };
}

const GOOD = doc('guide/hvad-er-opi.md', 'Hvad er OPI?', '## Kort fortalt\n\nOPI er samarbejde.\n');

describe('checkCorpus', () => {
  it('finds nothing wrong in a good corpus', () => {
    expect(checkCorpus([GOOD])).toEqual([]);
  });

  it('reports invalid frontmatter from the loader with path, line and field', () => {
    const bad = { path: 'case/bad.md', content: GOOD.content.replace('kind: guide', 'kind: nyhed') };
    const problems = checkCorpus([GOOD, bad]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'case/bad.md', line: 3, severity: 'error' });
    expect(problems[0]!.message).toMatch(/kind/);
    expect(problems[0]!.message.startsWith('case/bad.md')).toBe(false);
    expect(formatProblem(problems[0]!, 'corpus/')).toMatch(/^corpus\/case\/bad\.md:3: .*kind/);
  });

  it('reports a missing source', () => {
    const noSource = {
      path: 'faq/uden-kilde.md',
      content: GOOD.content
        .replace('kind: guide', 'kind: faq')
        .replace(/source:\n( {2}.*\n)+/, '')
        .replace('Hvad er OPI?', 'Uden kilde'),
    };
    const problems = checkCorpus([GOOD, noSource]);
    expect(problems.filter((p) => p.path === 'faq/uden-kilde.md' && p.severity === 'error')).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/source/);
  });

  it('reports a missing source even when the loader would accept it', () => {
    const noSource = { path: 'faq/x.md', content: '---\ntitle: X\n---\n\nTekst\n' };
    const problems = checkCorpus([noSource], () => ({ documents: [], issues: [] }));
    expect(problems).toEqual([
      { path: 'faq/x.md', line: 1, message: expect.stringMatching(/mangler `source`/), severity: 'error' },
    ]);
  });

  it('reports duplicate ids and duplicate titles', () => {
    const sameId = doc('case/hvad-er-opi.md', 'Noget andet', 'Tekst.');
    const sameTitle = doc('faq/opi-spoergsmaal.md', 'noget  ANDET', 'Tekst.');
    const problems = checkCorpus([GOOD, sameId, sameTitle]);
    // The loader keeps the first file by path (case/ before guide/).
    expect(problems.map((p) => [p.path, p.line ?? 0])).toEqual([
      ['faq/opi-spoergsmaal.md', 2],
      ['guide/hvad-er-opi.md', 0],
    ]);
    expect(problems[0]!.message).toMatch(/bruges også af case\/hvad-er-opi\.md/);
    expect(problems[1]!.message).toMatch(/hvad-er-opi.*findes allerede/);
  });

  it('reports broken internal links, relative and /docs/, but not good or external ones', () => {
    const linking = doc(
      'case/aarhus.md',
      'Aarhus',
      [
        '## Links',
        '',
        'Se [guiden](../guide/hvad-er-opi.md#kort-fortalt) og [forsiden](https://opi.dk/x.md).',
        'Se [den manglende](../guide/findes-ikke.md) og [også](/docs/findes-heller-ikke).',
        'Men [denne](/docs/hvad-er-opi#kort-fortalt) virker, og `[kode](../x.md)` tæller ikke.',
        '',
        '```',
        '[i kodeblok](../guide/nej.md)',
        '```',
        '',
        '[ref]: ../faq/væk.md',
      ].join('\n'),
    );
    const problems = checkCorpus([GOOD, linking]);
    expect(problems.map((p) => `${p.path}:${p.line}: ${p.message}`)).toEqual([
      'case/aarhus.md:16: linket ../guide/findes-ikke.md peger på guide/findes-ikke.md, som ikke findes i korpusset',
      'case/aarhus.md:16: linket /docs/findes-heller-ikke peger på dokumentet "findes-heller-ikke", som ikke findes',
      'case/aarhus.md:23: linket ../faq/væk.md peger på faq/væk.md, som ikke findes i korpusset',
    ]);
  });

  it('reports empty sections, ignoring comments and counting subsections as content', () => {
    const body = [
      '## Tom',
      '',
      '<!-- kun en kommentar -->',
      '',
      '## Med underafsnit',
      '',
      '### Under',
      '',
      'Tekst.',
      '',
      '## Sidste tomme',
      '',
    ].join('\n');
    const problems = checkCorpus([GOOD, doc('advice/raad.md', 'Råd', body)]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [13, 'afsnittet "Tom" er tomt; skriv tekst under overskriften eller fjern den'],
      [23, 'afsnittet "Sidste tomme" er tomt; skriv tekst under overskriften eller fjern den'],
    ]);
  });

  it('skips templates and meta files', () => {
    const template = { path: '_templates/case.md', content: '---\ntitle: x\n---\n\n## Tom\n' };
    expect(checkCorpus([GOOD, template])).toEqual([]);
  });
});
