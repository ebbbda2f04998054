import { join, resolve } from 'node:path';
import { openSqliteStore } from '../adapters/node/sqlite-store.js';
import { HelpdeskError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';

/** The operations database's path inside `dataDir` (`DATA_DIR`). */
export function nodeStorePath(dataDir: string): string {
  return join(resolve(dataDir), 'helpdesk.sqlite');
}

/**
 * The operations store in `DATA_DIR`, or undefined when it cannot be opened (a damaged file, a
 * read-only folder, a full disk): then one error line names the file and says what to do, and the
 * server runs without it — questions are answered, feedback and escalations get 503
 * `store_unavailable`. Any other failure is thrown.
 */
export async function openNodeStore(dataDir: string, logger: Logger): Promise<Store | undefined> {
  const path = nodeStorePath(dataDir);
  try {
    return await openSqliteStore(path);
  } catch (error) {
    if (!HelpdeskError.isInstance(error) || (error.code !== 'store_unavailable' && error.code !== 'storage_full')) {
      throw error;
    }
    logger.error('The operations database cannot be opened; questions are answered, feedback and escalations get 503', {
      event: 'store.unavailable',
      path,
      error: error.message,
    });
    return undefined;
  }
}
