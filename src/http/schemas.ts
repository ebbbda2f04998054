import { z } from 'zod';
import { DocumentKind, SourceRef } from '../corpus/frontmatter.js';

/** Zod form of `DocumentMeta` (answer/helpdesk.ts), for the OpenAPI document. */
export const DocumentMetaSchema = z.object({
  docId: z.string(),
  path: z.string(),
  title: z.string(),
  kind: DocumentKind,
  summary: z.string(),
  tags: z.array(z.string()),
  source: SourceRef,
  updated: z.string(),
  language: z.string(),
  chunks: z.number().int(),
  url: z.string(),
});

/** Zod form of `RenderedDocument`: the metadata plus every chunk with its anchor. */
export const RenderedDocumentSchema = DocumentMetaSchema.extend({
  sections: z.array(
    z.object({
      chunkId: z.string(),
      anchor: z.string(),
      section: z.string(),
      sectionPath: z.array(z.string()),
      text: z.string(),
      url: z.string(),
    }),
  ),
});

/** Body of `GET /healthz` once an index with documents serves. */
export const HealthSchema = z.object({
  status: z.literal('ok'),
  documents: z.number().int(),
  chunks: z.number().int(),
  indexBuiltAt: z.string(),
  /** True while the index loaded at start is brought up to date with files changed while the server was down. */
  catchingUp: z.boolean(),
});

/** Body of `GET /healthz` with 503: the index is loading (`starting`), or holds no document (`empty`). */
export const StartingSchema = z.union([
  z.object({ status: z.literal('starting') }),
  HealthSchema.extend({ status: z.literal('empty'), message: z.string() }),
]);

/**
 * The JSON error body of every failed request (`http/errors.ts`). `details` only names the failing
 * request fields (400) or the lines of an invalid document (422).
 */
export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .object({
        fields: z.array(z.string()).optional(),
        issues: z
          .array(z.object({ line: z.number().int().optional(), field: z.string().optional(), message: z.string() }))
          .optional(),
      })
      .optional(),
  }),
});
