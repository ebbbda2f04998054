import { convertDocx } from './docx.js';
import { htmlToMarkdown } from './html.js';
import { convertMarkdown } from './markdown.js';
import { formatOf } from './paths.js';
import { convertPdf } from './pdf.js';
import { convertShortcodes } from './shortcodes.js';
import { convertText } from './text.js';
import { tidyMarkdown } from './tidy.js';
import type { Converted, DocumentLanguage } from './types.js';

/** What `convertFile` needs besides the file. */
export interface ConvertContext {
  /** Language of admonition labels in Markdown; default the file's own or detected. */
  language?: DocumentLanguage;
  /** The text of a file an include shortcode names (Markdown only). */
  include?: (target: string) => string | undefined;
}

/** A converted file: body, metadata, warnings, and for Markdown the includes it inlined. */
export interface FileConversion extends Converted {
  included: string[];
  /** True when the file's own metadata named its title (not a heading or a file name). */
  hasOwnTitle: boolean;
}

/**
 * Convert one file to a corpus body by its extension: Markdown (`.md`, `.markdown`, `.mdx`), Word
 * (`.docx`), HTML (`.html`, `.htm`: main content only), PDF and plain text. The body is tidied
 * (`tidyMarkdown`): a leading `# heading` becomes the title when the file names none. Shortcodes
 * are converted in every format, so no `{{<`/`{{%` survives. Links are the source's own. Throws on
 * a file it cannot read (e.g. a damaged PDF) or an extension it does not know.
 */
export async function convertFile(
  file: { path: string; bytes: Uint8Array },
  context: ConvertContext = {},
): Promise<FileConversion> {
  const format = formatOf(file.path);
  let converted: FileConversion;
  switch (format) {
    case 'markdown':
      converted = convertMarkdown(decodeText(file.bytes), { path: file.path, ...context });
      break;
    case 'html': {
      const html = await htmlToMarkdown(decodeText(file.bytes), { mainContent: true });
      converted = withoutShortcodes({ ...html, included: [], hasOwnTitle: false }, context);
      break;
    }
    case 'docx':
      converted = withoutShortcodes({ ...(await convertDocx(file.bytes)), included: [], hasOwnTitle: false }, context);
      break;
    case 'pdf':
      converted = withoutShortcodes({ ...(await convertPdf(file.bytes)), included: [], hasOwnTitle: false }, context);
      break;
    case 'text':
      converted = withoutShortcodes(
        { ...convertText(decodeText(file.bytes)), included: [], hasOwnTitle: false },
        context,
      );
      break;
    default:
      throw new Error(`filtypen ${file.path.split('.').pop()} kan ikke importeres`);
  }
  const tidied = tidyMarkdown(converted.markdown);
  converted.markdown = tidied.markdown;
  // a page's own <h1> names it better than its <title> ("Side | Kommunen")
  if (tidied.heading && (format === 'html' || !converted.meta.title)) converted.meta.title = tidied.heading;
  return converted;
}

function withoutShortcodes(converted: FileConversion, context: ConvertContext): FileConversion {
  if (!/\{\{[<%]/.test(converted.markdown)) return converted;
  const result = convertShortcodes(converted.markdown, { language: context.language ?? 'da' });
  return { ...converted, markdown: result.text, warnings: [...converted.warnings, ...result.warnings] };
}

/** UTF-8 text (BOM dropped); bytes that are not UTF-8 are read as Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
