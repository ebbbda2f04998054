import { describe, expect, it } from 'vitest';
import { mapFrontMatter, splitFrontMatter } from '../../src/import/front-matter.js';
import { claimId, documentIdOf } from '../../src/import/ids.js';
import { detectLanguage, languageOfTag } from '../../src/import/language.js';
import { rewriteLinks } from '../../src/import/links.js';
import { tidyMarkdown } from '../../src/import/tidy.js';
import { uniqueTitles } from '../../src/import/titles.js';

describe('front matter of other tools', () => {
  it('maps description, keywords, categories, tags, date and lastmod to corpus fields', () => {
    const { data, body } = splitFrontMatter(
      '---\ntitle: Install\ndescription: How to install.\nkeywords: "setup, install"\ncategories: [Guides]\ntags: [Setup]\ndate: 2024-03-01\nlastmod: 2025-02-03T10:00:00Z\ndraft: true\nlang: en-GB\n---\nBody\n',
    );
    expect(body).toBe('Body\n');
    expect(mapFrontMatter(data)).toEqual({
      title: 'Install',
      summary: 'How to install.',
      tags: ['Setup', 'install', 'Guides'],
      updated: '2025-02-03',
      date: '2024-03-01',
      language: 'en',
      draft: true,
    });
  });

  it('reads TOML and JSON front matter', () => {
    expect(splitFrontMatter('+++\ntitle = "Hugo page"\ntags = ["a", "b"]\n[params]\nx = 1\n+++\nText').data).toEqual({
      title: 'Hugo page',
      tags: ['a', 'b'],
    });
    expect(splitFrontMatter('{"title": "JSON page"}\nText').data).toEqual({ title: 'JSON page' });
  });

  it('names an unreadable block instead of throwing', () => {
    expect(splitFrontMatter('---\ntitle: [unclosed\n---\nText').problem).toMatch(/frontmatter kunne ikke læses/);
  });
});

describe('detectLanguage', () => {
  it('tells English from Danish by their function words', () => {
    expect(detectLanguage('The server reads the file when it starts, and it is not cached.').language).toBe('en');
    expect(detectLanguage('Serveren læser filen, når den starter, og den gemmes ikke.').language).toBe('da');
  });

  it('does not count words both languages share, and falls back on too little evidence', () => {
    // `for`, `at`, `over`, `under`, `html`, `mod` are Danish stop words but English content words
    expect(detectLanguage('Search for html over http under load, and the index is not cached.').language).toBe('en');
    expect(detectLanguage('GET /api/search', 'en')).toMatchObject({ language: 'en', confident: false });
  });

  it('reads language tags', () => {
    expect([languageOfTag('da-DK'), languageOfTag('en_US'), languageOfTag('de'), languageOfTag(3)]).toEqual([
      'da',
      'en',
      undefined,
      undefined,
    ]);
  });
});

describe('document ids', () => {
  it('come from the path, with index pages named after their folder', () => {
    expect(documentIdOf('guides/install/index.md', 'docs')).toBe('guides-install');
    expect(documentIdOf('guides/install/_index.md', 'docs')).toBe('guides-install');
    expect(documentIdOf('guides/install.md', 'docs')).toBe('guides-install');
    expect(documentIdOf('Rådgivning/Første møde.docx', 'docs')).toBe('raadgivning-foerste-moede');
    expect(documentIdOf('_index.md', 'My Docs')).toBe('my-docs');
    expect(documentIdOf('README.md', 'wiki')).toBe('wiki');
  });

  it('never take an id already used: the source name goes in front, then a number', () => {
    const taken = new Set(['install']);
    expect(claimId('install', taken, 'docs')).toBe('docs-install');
    expect(claimId('install', taken, 'docs')).toBe('docs-install-2');
    expect(claimId('readme', taken, 'docs')).toBe('readme-2');
  });
});

describe('uniqueTitles', () => {
  it('keeps a unique title and gives repeated ones their section, then their path', () => {
    const titles = uniqueTitles(
      [
        { id: 'a', title: 'Configuration', context: 'Backups', path: 'backups/configuration' },
        { id: 'b', title: 'Configuration', context: 'Metrics', path: 'metrics/configuration' },
        { id: 'c', title: 'Install', context: 'Metrics', path: 'metrics/install' },
        { id: 'd', title: 'FAQ', context: 'Metrics', path: 'metrics/faq' },
      ],
      ['faq'],
    );
    expect([...titles.values()]).toEqual([
      'Configuration (Backups)',
      'Configuration (Metrics)',
      'Install',
      'FAQ (Metrics)',
    ]);
  });
});

describe('rewriteLinks', () => {
  const resolve = (target: string) => (target.startsWith('other') ? '/docs/other' : undefined);

  it('rewrites resolvable links, removes the rest keeping their text, and leaves external links and code alone', () => {
    const md = '[a](other.md#x "t") [b](gone.md) [c](https://x.org) ![img](pic.png) `[d](gone.md)`\n\n[ref]: gone.md\n';
    const out = rewriteLinks(md, resolve);
    expect(out.markdown).toBe('[a](/docs/other "t") b [c](https://x.org) img `[d](gone.md)`\n\n\n');
    expect(out.removedLinks).toEqual(['gone.md', 'gone.md']);
    expect(out.removedImages).toEqual(['pic.png']);
  });
});

describe('tidyMarkdown', () => {
  it('takes the leading H1 out, moves headings down to start at ##, and drops empty sections', () => {
    const out = tidyMarkdown(
      '# Title\n\nIntro.\n\n# Part\n\n## Empty\n\n## Full\n\nText.\n\n# Last\n<!-- only a comment -->\n',
    );
    expect(out.heading).toBe('Title');
    expect(out.markdown).toBe('Intro.\n\n## Part\n\n### Full\n\nText.');
  });
});
