/**
 * A generated English documentation tree in a static-site tool's dialect (Hugo-like), for the import
 * tests: front matter with title/description/keywords/categories/date/lastmod/weight, `_index.md`
 * section pages, page bundles (`<page>/index.md`), shortcodes (notes, warnings, highlight, figures,
 * tabs, details, includes, ref/relref, youtube, an unknown gist and param), MkDocs/Docusaurus
 * admonitions, relative links in several spellings, repeated titles and one draft. Deterministic:
 * the same seed gives the same tree.
 */

import { seededRandom as random } from '../support/random.js';

/** One generated file: path inside the tree and its text. */
export interface TreeFile {
  path: string;
  text: string;
}

/** A generated page and the fact only it states, so tests can look for it after import. */
export interface TreeFact {
  path: string;
  fact: string;
}

const SECTIONS = [
  'getting-started',
  'concepts',
  'guides',
  'tutorials',
  'reference',
  'administration',
  'integrations',
  'security',
  'troubleshooting',
  'release-notes',
];
const TOPICS = [
  'search-index',
  'web-server',
  'job-queue',
  'object-storage',
  'user-accounts',
  'audit-log',
  'email-gateway',
  'metrics',
  'backups',
  'plugins',
];
const PAGES = ['overview', 'install', 'configuration', 'scaling', 'upgrading', 'monitoring', 'tuning', 'faq', 'limits'];

const title = (slug: string) => slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

/**
 * The tree: 10 sections × 10 topics × 9 pages (every other page a bundle `<page>/index.md`), a
 * `_index.md` per section and topic, 3 include files and one draft — 1,014 files in all.
 */
export function generateDocTree(seed = 17): { files: TreeFile[]; facts: TreeFact[] } {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const files: TreeFile[] = [];
  const facts: TreeFact[] = [];

  files.push({
    path: '_index.md',
    text:
      front({ title: 'Acme Platform documentation', description: 'Everything about running the Acme Platform.' }) +
      'Welcome to the documentation of the Acme Platform. Start with [Getting started](getting-started/).\n',
  });
  files.push(
    {
      path: 'includes/support.md',
      text: 'If you are stuck, the support team answers within one working day at support@acme.example.\n',
    },
    {
      path: 'includes/licence.md',
      text: '---\nheadless: true\n---\nThe platform is licensed under the Apache License 2.0.\n',
    },
    { path: 'includes/versions.md', text: 'This page applies to Acme Platform 4.x and later.\n' },
  );

  SECTIONS.forEach((section, si) => {
    // some section pages carry only front matter: their description becomes the text
    const sectionBody =
      si % 3 === 0 ? '' : `This section covers ${title(section).toLowerCase()} for every component of the platform.\n`;
    files.push({
      path: `${section}/_index.md`,
      text:
        front({
          title: title(section),
          description: `The ${title(section).toLowerCase()} section of the Acme Platform documentation.`,
          weight: si,
        }) + sectionBody,
    });
    TOPICS.forEach((topic, ti) => {
      files.push({
        path: `${section}/${topic}/_index.md`,
        text:
          front({
            title: `${title(topic)} ${section === 'reference' ? 'reference' : title(section).toLowerCase()}`,
            description: `How the ${topic.replace(/-/g, ' ')} fits into ${section.replace(/-/g, ' ')}.`,
            categories: [title(section)],
          }) +
          `# ${title(topic)}\n\nThe ${topic.replace(/-/g, ' ')} is one of the core components. See the [overview](overview/) first.\n\n## Pages in this section\n\n`,
      });
      PAGES.forEach((page, pi) => {
        const bundle = pi % 2 === 0;
        const path = bundle ? `${section}/${topic}/${page}/index.md` : `${section}/${topic}/${page}.md`;
        const n = si * 100 + ti * 10 + pi;
        const port = 2000 + n;
        const fact = `The ${topic.replace(/-/g, ' ')} ${page.replace(/-/g, ' ')} setting number ${n} defaults to port ${port}`;
        facts.push({ path, fact });
        const other = PAGES[(pi + 1) % PAGES.length]!;
        const otherLink = (pi + 1) % 2 === 0 ? `${other}/` : `${other}.md`;
        const up = bundle ? '../' : '';
        const isDraft = section === 'guides' && topic === 'plugins' && page === 'limits';
        const parts = [
          front({
            // "Configuration", "FAQ" and "Limits" repeat across the tree, as in real documentation
            title: ['configuration', 'faq', 'limits'].includes(page)
              ? title(page)
              : `${title(page)} of the ${topic.replace(/-/g, ' ')}`,
            description:
              pi % 4 === 3
                ? undefined
                : `${title(page)} for the ${topic.replace(/-/g, ' ')} in ${section.replace(/-/g, ' ')}.`,
            keywords: pi % 2 ? `${topic}, ${page}, acme` : [topic, page],
            categories: [title(section), title(topic)],
            date: `2024-0${1 + (n % 9)}-1${n % 10}`,
            lastmod: pi % 3 === 0 ? `2025-0${1 + (n % 9)}-0${1 + (n % 9)}T10:00:00+02:00` : undefined,
            weight: pi,
            draft: isDraft ? true : undefined,
          }),
          `${fact}. The value can be changed in \`acme.yaml\` under \`${topic}.${page}\`.\n`,
          `## Before you start\n\n{{% include "includes/versions.md" %}}\n\nRead the [${other} page](${up}${otherLink}) and the [section overview]({{< relref "../_index.md" >}}) first.\n`,
        ];
        switch (n % 7) {
          case 0:
            parts.push(
              `{{< note >}}\nRestart the ${topic.replace(/-/g, ' ')} after changing this value.\n{{< /note >}}\n`,
            );
            break;
          case 1:
            parts.push(`{{< highlight yaml >}}\n${topic}:\n  ${page}: ${port}\n{{< /highlight >}}\n`);
            break;
          case 2:
            parts.push(
              `{{< tabs >}}\n{{% tab name="Linux" %}}\nRun \`acmectl ${page} --port ${port}\`.\n{{% /tab %}}\n{{% tab name="Windows" %}}\nRun \`acmectl.exe ${page} /port:${port}\`.\n{{% /tab %}}\n{{< /tabs >}}\n`,
            );
            break;
          case 3:
            parts.push(
              `{{< figure src="images/${page}.png" alt="${title(page)} screen" caption="The ${page} screen of the ${topic.replace(/-/g, ' ')}" >}}\n\n{{< youtube dQw4w9WgXcQ >}}\n`,
            );
            break;
          case 4:
            parts.push(
              `{{< alert color="warning" title="Careful" >}}\nChanging ${page} on a running cluster drops open connections.\n{{< /alert >}}\n\n{{< gist acme ${n} >}}\n`,
            );
            break;
          case 5:
            parts.push(
              `!!! tip "Good to know"\n    The ${page} value is read once at start-up.\n\n{{< details "Why port ${port}?" >}}\nIt was free on every supported platform.\n{{< /details >}}\n`,
            );
            break;
          default:
            parts.push(
              `:::warning\nThe ${page} setting is ignored in test mode. Version {{< param "version" >}} changed this.\n:::\n\n{{% include "includes/support.md" %}}\n`,
            );
        }
        parts.push(
          `## Details\n\nSee the [API reference](/reference/${topic}/${pick(PAGES)}/) and [a missing page](../does-not-exist.md).\n`,
        );
        if (n % 11 === 0) parts.push('## Empty heading\n\n## Next steps\n\nContinue with the next page.\n');
        files.push({ path, text: parts.join('\n') });
      });
    });
  });
  return { files, facts };
}

function front(fields: Record<string, string | number | boolean | string[] | undefined>): string {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : typeof v === 'string' ? JSON.stringify(v) : v}`,
    );
  return `---\n${lines.join('\n')}\n---\n\n`;
}
