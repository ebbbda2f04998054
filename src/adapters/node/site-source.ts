import { unwatchFile, watchFile } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSite, type Site, withContact } from '../../answer/site.js';
import type { Logger } from '../../logger.js';

/** The product's identity on Node: `<corpus>/_meta/site.yaml` as last read. */
export interface SiteSource {
  /** The site to serve now. */
  current(): Site;
  /** Read the file again (a missing file gives the defaults; a malformed one is logged and gives the defaults). */
  reload(): Promise<Site>;
  /** Re-read whenever the file changes (also when it appears or goes); returns the function that stops watching. */
  watch(intervalMs?: number): () => void;
}

export interface SiteSourceOptions {
  /** The corpus folder (`CORPUS_DIR`). */
  corpusDir: string;
  logger: Logger;
  /** `CONTACT_TEXT` and `CONTACT_EMAIL`, which win over the file. */
  contactText?: string | undefined;
  contactEmail?: string | undefined;
}

/** `<corpusDir>/_meta/site.yaml`'s path. */
export function siteFilePath(corpusDir: string): string {
  return join(corpusDir, '_meta', 'site.yaml');
}

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads `site.yaml` from the corpus folder once and returns the source that keeps it. */
export async function openSiteSource(options: SiteSourceOptions): Promise<SiteSource> {
  const path = siteFilePath(options.corpusDir);
  let site: Site;
  const reload = async () => {
    let text: string | undefined;
    try {
      text = await readIfThere(path);
    } catch (error) {
      options.logger.error('site.yaml could not be read; the default texts are used', {
        event: 'site.unreadable',
        path,
        error: String(error),
      });
    }
    const { site: read, problem } = parseSite(text, path);
    if (problem)
      options.logger.error('site.yaml is invalid; the default texts are used', { event: 'site.invalid', ...problem });
    site = withContact(read, options.contactText, options.contactEmail);
    return site;
  };
  site = await reload();
  return {
    current: () => site,
    reload,
    watch(intervalMs = 1000) {
      const listener = () => {
        reload().catch(() => {});
      };
      watchFile(path, { interval: intervalMs, persistent: false }, listener);
      return () => unwatchFile(path, listener);
    },
  };
}
