import type mammoth from 'mammoth';
import { htmlToMarkdown } from './html.js';
import type { Converted } from './types.js';

/** Word paragraph styles mammoth does not know by default, mapped to HTML. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Titel'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Undertitel'] => p:fresh",
  "p[style-name='Overskrift 1'] => h1:fresh",
  "p[style-name='Overskrift 2'] => h2:fresh",
  "p[style-name='Overskrift 3'] => h3:fresh",
];

/**
 * A Word document (`.docx` bytes) as Markdown: mammoth turns it into HTML (headings by paragraph style,
 * lists, tables, bold and italics), rehype-remark into Markdown. Images are dropped with a warning;
 * mammoth's own messages become one warning. Throws when the bytes are not a Word document.
 * mammoth is loaded on the first conversion (as pdfjs-dist for PDFs): importing it costs ~0.1 s at every start.
 */
export async function convertDocx(bytes: Uint8Array): Promise<Converted> {
  const { default: converter } = await import('mammoth');
  // mammoth's Node entry reads `buffer`, its browser build `arrayBuffer`: give both, so the console can reuse this
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const input = { buffer: bytes, arrayBuffer } as unknown as Parameters<typeof mammoth.convertToHtml>[0];
  const result = await converter.convertToHtml(input, { styleMap: STYLE_MAP });
  const html = await htmlToMarkdown(result.value);
  const warnings = [...html.warnings];
  const notes = result.messages.filter((m) => !/Unrecognised (paragraph|run) style/.test(m.message));
  if (notes.length) {
    warnings.push(`Word-konverteringen meldte ${notes.length} forhold, fx: ${notes[0]!.message}`);
  }
  return { meta: { tags: [] }, markdown: html.markdown, warnings };
}
