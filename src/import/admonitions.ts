import { ADMONITION_LABELS } from './lexicon.js';
import { quoteBlock } from './shortcodes.js';
import type { DocumentLanguage } from './types.js';

const DOCUSAURUS_OPEN = /^\s*:::\s*([A-Za-z]+)\s*(.*?)\s*$/;
const DOCUSAURUS_CLOSE = /^\s*:::\s*$/;
const MKDOCS_OPEN = /^(?:!!!|\?\?\?\+?)\s*([A-Za-z]+)(?:\s+"([^"]*)")?\s*$/;
const GITHUB_ALERT = /^(\s*>\s*)\[!([A-Za-z]+)\]\s*$/;

/**
 * Admonitions of other documentation tools as a block quote with a bold label: Docusaurus
 * (`:::note Title` … `:::`), MkDocs (`!!! note "Title"` with a 4-space indented body) and GitHub
 * (`> [!NOTE]`). Lines inside fenced code are left alone.
 */
export function convertAdmonitions(text: string, language: DocumentLanguage): string {
  if (!/:::|!!!|\?\?\?|\[!/.test(text)) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence || fenceMatch) {
      if (fence && fenceMatch?.[1]?.startsWith(fence)) fence = undefined;
      else if (!fence) fence = fenceMatch![1]!;
      out.push(line);
      continue;
    }
    const docusaurus = DOCUSAURUS_OPEN.exec(line);
    if (docusaurus) {
      const end = lines.findIndex((l, j) => j > i && DOCUSAURUS_CLOSE.test(l));
      if (end !== -1) {
        const body = convertAdmonitions(lines.slice(i + 1, end).join('\n'), language);
        out.push(quoteBlock(label(docusaurus[1]!, docusaurus[2], language), body));
        i = end;
        continue;
      }
    }
    const mkdocs = MKDOCS_OPEN.exec(line);
    if (mkdocs) {
      let end = i + 1;
      while (end < lines.length && (/^(?: {4}|\t)/.test(lines[end]!) || lines[end]!.trim() === '')) end++;
      const body = lines
        .slice(i + 1, end)
        .map((l) => l.replace(/^(?: {4}|\t)/, ''))
        .join('\n');
      out.push(quoteBlock(label(mkdocs[1]!, mkdocs[2], language), body), '');
      i = end - 1;
      continue;
    }
    const alert = GITHUB_ALERT.exec(line);
    if (alert) {
      out.push(`${alert[1]}**${label(alert[2]!, undefined, language)}:**`);
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

function label(type: string, title: string | undefined, language: DocumentLanguage): string {
  if (title?.trim()) return title.trim().replace(/^"|"$/g, '');
  const known = ADMONITION_LABELS[type.toLowerCase()];
  return known ? known[language] : type.charAt(0).toUpperCase() + type.slice(1).toLowerCase();
}
