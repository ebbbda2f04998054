import type { SourceFile } from '../../../src/corpus/types.js';
import type { CorpusFiles } from '../../../src/ops/corpus-files.js';

/** A corpus in memory that records every write and removal. */
export function memoryCorpus(initial: Record<string, string> = {}): CorpusFiles & {
  files: Map<string, string>;
  writes: string[];
  removals: string[];
} {
  const files = new Map(Object.entries(initial));
  const writes: string[] = [];
  const removals: string[] = [];
  return {
    files,
    writes,
    removals,
    async list(): Promise<SourceFile[]> {
      return [...files].map(([path, content]) => ({ path, content })).sort((a, b) => (a.path < b.path ? -1 : 1));
    },
    async write(path, content) {
      writes.push(path);
      files.set(path, content);
    },
    async remove(path) {
      removals.push(path);
      files.delete(path);
    },
  };
}

/** A valid corpus file with the given fields replaced. */
export function documentText(
  fields: { title?: string; kind?: string; updated?: string; summary?: string } = {},
  body = '## Kort om casen\n\nTo plejehjem har forbedret medicinhåndteringen.\n',
): string {
  return `---
title: "${fields.title ?? 'Medicin på plejehjem'}"
kind: ${fields.kind ?? 'case'}
summary: "${fields.summary ?? 'Bedre medicinhåndtering.'}"
tags: [medicin]
source:
  organisation: "Aalborg Kommune"
  title: "Rapport om medicin"
updated: "${fields.updated ?? '2026-11-01'}"
language: da
---

${body}`;
}

export const TOKEN = 'console-token-1234567890';
export const ORIGIN = 'http://localhost';
