import { describe, expect, it } from 'vitest';
import { checkCorpus } from '../../src/ops/corpus-check.js';

const HUGO_PAGE = `---
title: "Install"
description: "How to install the platform."
keywords: [install, setup]
categories: [Guides]
lastmod: 2025-01-02
---

## Steps

Download the package.
`;

describe('corpus:check on files written for another tool', () => {
  it('gives one hint with the field mapping and the import command, besides the errors per file', () => {
    const files = ['guides/install.md', 'guides/upgrade.md', 'guides/remove.md'].map((path) => ({
      path,
      content: HUGO_PAGE.replace('Install', path),
    }));
    const problems = checkCorpus([...files, { path: 'guides/_index.md', content: HUGO_PAGE }]);
    const hints = problems.filter((p) => p.severity === 'warning' && /npm run import/.test(p.message));
    expect(hints).toHaveLength(1);
    expect(hints[0]!.message).toMatch(/^3 fil\(er\) har frontmatter fra et andet værktøj/);
    expect(hints[0]!.message).toContain('description → summary, keywords → tags, categories → tags, lastmod → updated');
    expect(hints[0]!.message).toContain('1 fil(er) hedder _index.md og læses ikke');
    expect(problems.some((p) => p.severity === 'error' && /summary/.test(p.message))).toBe(true);
  });

  it('says nothing extra about a corpus in its own format', () => {
    const own = HUGO_PAGE.replace(/description:.*\nkeywords:.*\ncategories:.*\nlastmod:.*\n/, '');
    expect(
      checkCorpus([{ path: 'guide/install.md', content: own }]).some((p) => /npm run import/.test(p.message)),
    ).toBe(false);
  });
});
