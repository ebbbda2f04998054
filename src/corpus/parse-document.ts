import { LineCounter, parseDocument as parseYamlDocument } from 'yaml';
import { MAX_INDENT, tameNesting } from './tame-nesting.js';
import type { z } from 'zod';
import { hashString } from '../text/hash.js';
import { Frontmatter } from './frontmatter.js';
import { withoutDocumentExtension } from './document-name.js';
import type { Document, LoadIssue, SourceFile } from './types.js';

/** The outcome of parsing one file: the document when it is valid, and every problem found. */
export interface ParseResult {
  document?: Document;
  issues: LoadIssue[];
}

/**
 * The YAML frontmatter block as CommonMark's frontmatter extension reads it (newlines already `\n`):
 * a first line `---`, then the first later line that is `---` (trailing spaces or tabs allowed on
 * both fences). Group 1 is the YAML between them (absent when the block is empty).
 */
const FRONTMATTER_RE = /^---[ \t]*\n(?:([\s\S]*?)\n)??---[ \t]*(?=\n|$)/;
const KNOWN_FIELDS = new Set(Object.keys(Frontmatter.shape));
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Parse one corpus file: YAML frontmatter validated against `Frontmatter`, the Markdown body after it.
 * Never throws: text that is not UTF-8, a missing or unclosed frontmatter, a YAML syntax error, an
 * invalid field or an empty body gives an `error` issue (path, field, line) and no document; odd but
 * usable files give warnings.
 */
export function parseDocument(file: SourceFile): ParseResult {
  try {
    return parseUnsafe(file);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { issues: [issue(file.path, `kunne ikke læses (${reason})`)] };
  }
}

function parseUnsafe(file: SourceFile): ParseResult {
  const { path } = file;
  if (file.problem !== undefined) return { issues: [issue(path, file.problem)] };
  const notText = encodingProblem(file.content);
  if (notText) return { issues: [issue(path, notText.reason, { line: notText.line })] };
  const tamed = tameNesting(normaliseNewlines(file.content));
  const content = tamed.text;
  const issues: LoadIssue[] = [];
  if (tamed.changed > 0) {
    issues.push({
      path,
      message: `meget dyb indrykning eller citatindlejring i ${tamed.changed} linjer er gjort fladere (højst ${MAX_INDENT} tegns indrykning)`,
      severity: 'warning',
    });
  }

  // only the frontmatter is read here; the body is parsed once, by the chunker
  const block = FRONTMATTER_RE.exec(content);
  if (!block) {
    const opened = /^---[ \t]*(?:\n|$)/.test(content);
    const reason = opened
      ? 'frontmatter er ikke lukket: tilføj en linje med `---` efter de sidste felter'
      : 'mangler frontmatter: filen skal begynde med en `---`-blok med title, kind, summary, source og updated';
    return { issues: [issue(path, reason, { line: 1 })] };
  }

  const fmFirstLine = 2; // the line after the opening `---`
  const lineCounter = new LineCounter();
  const yamlDoc = parseYamlDocument(block[1] ?? '', { lineCounter, uniqueKeys: true, prettyErrors: false });
  const yamlError = yamlDoc.errors[0];
  if (yamlError) {
    const pos = yamlError.pos[0] !== undefined ? lineCounter.linePos(yamlError.pos[0]) : undefined;
    const line = pos ? fmFirstLine + pos.line - 1 : 1;
    const reason = yamlError.message.split('\n')[0];
    return { issues: [issue(path, `YAML-syntaksfejl i frontmatter (linje ${line}): ${reason}`, { line })] };
  }
  const data: unknown = yamlDoc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { issues: [issue(path, 'frontmatter skal være en samling af felter (`navn: værdi`)', { line: 1 })] };
  }

  const lineOf = (fieldPath: readonly PropertyKey[]): number => {
    for (let depth = fieldPath.length; depth > 0; depth--) {
      const node = yamlDoc.getIn(fieldPath.slice(0, depth) as unknown[], true) as { range?: [number, number, number] };
      if (node?.range) return fmFirstLine + lineCounter.linePos(node.range[0]).line - 1;
    }
    return 1;
  };

  const parsed = Frontmatter.safeParse(data);
  if (!parsed.success) {
    for (const zIssue of parsed.error.issues) {
      const field = zIssue.path.map(String).join('.');
      issues.push(
        issue(path, `frontmatter-feltet \`${field}\` ${describe(zIssue, data)}`, { field, line: lineOf(zIssue.path) }),
      );
    }
    return { issues };
  }

  for (const key of Object.keys(data)) {
    if (!KNOWN_FIELDS.has(key)) {
      issues.push(
        issue(path, `ukendt frontmatter-felt \`${key}\` ignoreres`, {
          field: key,
          line: lineOf([key]),
          severity: 'warning',
        }),
      );
    }
  }

  // The body starts after the closing `---` line and any blank lines after it.
  const fenceEnd = block[0].length;
  const afterFence = content.slice(fenceEnd);
  const leading = /^(?:[ \t]*\n)*/.exec(afterFence)?.[0] ?? '';
  const body = afterFence.slice(leading.length);
  const closingFenceLine = countNewlines(block[0]) + 1;
  const bodyLine = closingFenceLine + countNewlines(leading);
  if (body.trim() === '') {
    issues.push(issue(path, 'dokumentet har ingen tekst efter frontmatter', { line: bodyLine }));
    return { issues };
  }

  const docId = slugOf(path);
  if (!SLUG_RE.test(docId)) {
    issues.push(
      issue(path, `filnavnet \`${docId}\` bør kun bestå af små bogstaver a-z, tal og bindestreger`, {
        severity: 'warning',
      }),
    );
  }
  const folder = path.split('/').slice(-2, -1)[0];
  if (folder && folder !== parsed.data.kind && KNOWN_KINDS.has(folder)) {
    issues.push(
      issue(path, `frontmatter-feltet \`kind\` er "${parsed.data.kind}", men filen ligger i mappen ${folder}/`, {
        field: 'kind',
        line: lineOf(['kind']),
        severity: 'warning',
      }),
    );
  }

  const document: Document = { docId, path, meta: parsed.data, body, bodyLine, hash: hashString(file.content) };
  return { document, issues };
}

const KNOWN_KINDS = new Set<string>(Frontmatter.shape.kind.options);

/** The document id of a corpus path: the file name without `.md` or `.markdown`. */
export function slugOf(path: string): string {
  return withoutDocumentExtension(path.split('/').pop() ?? path);
}

/**
 * Why `content` cannot be a UTF-8 text file, with the line of the first sign: U+FFFD is what a
 * reader leaves for bytes that are not UTF-8 (a file saved as Windows-1252, Latin-1 or UTF-16 with
 * BOM), and NUL appears in UTF-16 and binary files. Undefined for ordinary text.
 */
function encodingProblem(content: string): { reason: string; line: number } | undefined {
  const at = content.search(/[\uFFFD\u0000]/);
  if (at === -1) return undefined;
  const line = countNewlines(content.slice(0, at)) + 1;
  const reason =
    content[at] === '\uFFFD'
      ? `er ikke gyldig UTF-8 (første ugyldige tegn i linje ${line}; æ, ø og å ville blive til �): gem filen som UTF-8 (den er måske gemt som Windows-1252, Latin-1 eller UTF-16)`
      : `indeholder NUL-tegn (linje ${line}), så den er ikke en UTF-8-tekstfil (måske UTF-16 eller binær): gem den som UTF-8`;
  return { reason, line };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function normaliseNewlines(content: string): string {
  return content.replace(/^\uFEFF+/, '').replace(/\r\n?/g, '\n');
}

function issue(
  path: string,
  reason: string,
  extra: { field?: string; line?: number; severity?: LoadIssue['severity'] } = {},
): LoadIssue {
  const out: LoadIssue = { path, message: `${path}: ${reason}`, severity: extra.severity ?? 'error' };
  if (extra.field !== undefined) out.field = extra.field;
  if (extra.line !== undefined) out.line = extra.line;
  return out;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describe(zIssue: z.core.$ZodIssue, data: unknown): string {
  const value = valueAt(data, zIssue.path);
  if (value === undefined || value === null) return 'mangler';
  const shown = JSON.stringify(value)?.slice(0, 60);
  switch (zIssue.code) {
    case 'invalid_value':
      return `skal være en af ${zIssue.values.map(String).join(', ')} (fandt ${shown})`;
    case 'invalid_type':
      return `skal være ${TYPE_NAMES[zIssue.expected] ?? zIssue.expected} (fandt ${shown})`;
    case 'too_small':
      return zIssue.origin === 'array' ? 'må ikke være en tom liste' : 'må ikke være tom';
    case 'invalid_format':
      return zIssue.format === 'url'
        ? `skal være en gyldig URL (fandt ${shown})`
        : `${zIssue.message} (fandt ${shown})`;
    default:
      return `${zIssue.message} (fandt ${shown})`;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'en tekst',
  array: 'en liste',
  object: 'en samling af felter',
  number: 'et tal',
  boolean: 'sand eller falsk',
};
