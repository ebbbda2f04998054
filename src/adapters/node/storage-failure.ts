import { HelpdeskError } from '../../errors.js';

/** What went wrong with a file or folder on disk, in the terms an operator can act on. */
export type StorageProblem = 'full' | 'read_only' | 'corrupt' | 'not_a_folder' | 'unavailable';

/** Error codes of SQLite (better-sqlite3's `SqliteError.code`) and of the file system, by problem. */
const PROBLEM_OF: ReadonlyArray<[RegExp, StorageProblem]> = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)$/, 'full'],
  [/^(SQLITE_READONLY|SQLITE_PERM|SQLITE_AUTH|EACCES|EPERM|EROFS)/, 'read_only'],
  [/^(SQLITE_NOTADB|SQLITE_CORRUPT)/, 'corrupt'],
  [/^(ENOTDIR|EEXIST|EISDIR)$/, 'not_a_folder'],
  [/^(SQLITE_CANTOPEN|SQLITE_IOERR|SQLITE_BUSY|SQLITE_LOCKED|EIO|EBUSY|ENOENT)/, 'unavailable'],
];

/** The storage problem behind `error` (a SQLite or file-system error), or undefined for anything else. */
export function storageProblem(error: unknown): StorageProblem | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return PROBLEM_OF.find(([pattern]) => pattern.test(code))?.[1];
}

/**
 * The operations database at `path` failed with `error`: a HelpdeskError whose message names the
 * file and says what to do (`storage_full` when the disk is full, else `store_unavailable`).
 * Errors that are not about storage (a bug, a constraint) come back unchanged.
 */
export function storeFailure(error: unknown, path: string): unknown {
  if (HelpdeskError.isInstance(error)) return error;
  const problem = storageProblem(error);
  if (!problem) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const what: Record<StorageProblem, string> = {
    full: `Disken med driftsdatabasen ${path} er fuld (${reason}). Frigør plads; feedback og henvendelser gemmes igen, så snart der er plads.`,
    read_only: `Driftsdatabasen ${path} eller dens mappe er skrivebeskyttet (${reason}). Giv serverens bruger skriveadgang til mappen (DATA_DIR), og genstart serveren.`,
    corrupt: `${path} er ikke en gyldig SQLite-database (${reason}). Stop serveren, flyt filen og dens -wal- og -shm-filer væk (eller gendan dem fra en sikkerhedskopi), og start igen: en ny, tom database oprettes.`,
    not_a_folder: `Driftsdatabasen ${path} kan ikke oprettes, fordi en del af stien er en fil, ikke en mappe (${reason}). Flyt filen væk, eller sæt DATA_DIR til en mappe.`,
    unavailable: `Driftsdatabasen ${path} kan ikke bruges (${reason}). Kontrollér, at filen og mappen (DATA_DIR) findes og kan læses og skrives, og genstart serveren.`,
  };
  return new HelpdeskError(problem === 'full' ? 'storage_full' : 'store_unavailable', what[problem], {
    cause: error,
    details: { path, problem },
  });
}

/**
 * Saving the index into `dir` failed with `error`: a message that names the folder and says what to
 * do. The caller has already put the new index in service; only the copy on disk is missing.
 */
export function indexSaveFailure(error: unknown, dir: string): string {
  const reason = error instanceof Error ? error.message : String(error);
  const hint: Record<StorageProblem, string> = {
    full: `disken med indeksmappen ${dir} er fuld. Frigør plads`,
    read_only: `indeksmappen ${dir} eller DATA_DIR er skrivebeskyttet. Giv serverens bruger skriveadgang`,
    corrupt: `indeksmappen ${dir} kan ikke skrives. Kontrollér disken`,
    not_a_folder: `${dir} er ikke en mappe (en fil ligger, hvor indeksmappen skal være). Flyt filen væk, eller vælg en anden DATA_DIR`,
    unavailable: `indeksmappen ${dir} kan ikke skrives. Kontrollér, at den findes og kan skrives`,
  };
  const problem = storageProblem(error) ?? 'unavailable';
  return `Indekset kunne ikke gemmes, fordi ${hint[problem]}; det nye indeks bruges, men bygges igen ved næste start (${reason}).`;
}
