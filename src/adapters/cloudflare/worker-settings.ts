import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import type { WorkerEnv } from './bindings.js';

/**
 * Settings only the Worker has, beside `config.ts`:
 * `INDEX_MODE` — `bundled` (the index shipped in the assets, exact vectors from the local
 * embedder; no Vectorize or Workers AI needed), `vectorize` (lexical leg from the bundled
 * index, vector leg in Vectorize with Workers AI query embeddings), or `auto` (default:
 * `vectorize` when the VECTORIZE binding exists, else `bundled`).
 */
export const WorkerSettings = z.object({
  INDEX_MODE: z.enum(['auto', 'bundled', 'vectorize']).default('auto'),
  /**
   * Where the lexical index (BM25F postings) and the chunk texts are: `asset` (default, in the bundled
   * `index.bin`) or `d1` (tables `lex_*` in the `DB` database, filled with `npm run build:worker -- --d1`),
   * for corpora past the 25 MiB asset limit. With `d1` the vector leg is Vectorize's in `vectorize`
   * mode and absent (BM25F alone) in `bundled` mode, whose exact vectors live in `index.bin`.
   */
  LEXICAL_INDEX: z.enum(['asset', 'd1']).default('asset'),
  /** The Workers AI embedding model the Vectorize index was filled with. */
  WORKERS_AI_EMBEDDING_MODEL: z.string().default('@cf/baai/bge-m3'),
});
export type WorkerSettings = z.infer<typeof WorkerSettings>;

/** The `[vars]` and secrets of a Worker env as strings (bindings left out), for `loadConfig`. */
export function stringVars(env: WorkerEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}

/** Validates the Worker-only settings; throws `config_invalid` naming the bad variable. */
export function loadWorkerSettings(vars: Record<string, string>): WorkerSettings {
  const result = WorkerSettings.safeParse(vars);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new HelpdeskError('config_invalid', `Ugyldig Worker-konfiguration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The index mode actually used for an env. Throws `config_invalid` when `vectorize` lacks its bindings. */
export function resolveIndexMode(settings: WorkerSettings, env: WorkerEnv): 'bundled' | 'vectorize' {
  if (settings.INDEX_MODE === 'bundled') return 'bundled';
  if (settings.INDEX_MODE === 'auto' && !env.VECTORIZE) return 'bundled';
  if (!env.VECTORIZE || !env.AI) {
    throw new HelpdeskError(
      'config_invalid',
      'INDEX_MODE=vectorize kræver bindingerne VECTORIZE og AI i wrangler.toml — tilføj dem, eller sæt INDEX_MODE=bundled.',
    );
  }
  return 'vectorize';
}
