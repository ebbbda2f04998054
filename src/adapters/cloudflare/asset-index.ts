import { HelpdeskError } from '../../errors.js';
import { deserializeIndex, type IndexState } from '../../index/artifact.js';
import type { AssetsBinding } from './bindings.js';

/** File names inside the Worker's assets directory (`dist/worker-assets/`). */
export const WORKER_ASSET_FILES = {
  index: 'index.bin',
  synonyms: 'synonyms.yaml',
  site: 'site.yaml',
  widget: 'widget.js',
  /** The maintainers' console script (`/admin.js`). */
  admin: 'admin.js',
} as const;

/** The origin used to address files through the ASSETS binding (only the path matters). */
const ASSET_ORIGIN = 'https://assets.local';

/** A file of the assets directory, or `undefined` when it is not there. */
export async function fetchAsset(assets: AssetsBinding, name: string): Promise<Response | undefined> {
  const response = await assets.fetch(new Request(`${ASSET_ORIGIN}/${name}`));
  if (response.status === 404) return undefined;
  if (!response.ok) {
    throw new HelpdeskError('internal', `Filen ${name} kunne ikke hentes fra ASSETS (status ${response.status}).`);
  }
  return response;
}

/** The bundled index artifact and synonym file read from the assets. */
export interface BundledIndex {
  state: IndexState;
  /** `corpus/_meta/synonyms.yaml` as shipped, if it was. */
  synonyms?: string;
  /** `corpus/_meta/site.yaml` as shipped, if it was. */
  site?: string;
  /** Size of `index.bin` in bytes. */
  bytes: number;
}

/** `synonyms.yaml` and `site.yaml` from the assets, those that are there. */
export async function loadAssetTexts(assets: AssetsBinding): Promise<{ synonyms?: string; site?: string }> {
  const synonyms = await (await fetchAsset(assets, WORKER_ASSET_FILES.synonyms))?.text();
  const site = await (await fetchAsset(assets, WORKER_ASSET_FILES.site))?.text();
  return { ...(synonyms === undefined ? {} : { synonyms }), ...(site === undefined ? {} : { site }) };
}

/**
 * Reads `index.bin` (and `synonyms.yaml` and `site.yaml` when present) from the ASSETS binding
 * and deserialises the index. Throws `index_not_ready` when the artifact is
 * missing, `index_incompatible` when it is of another format.
 */
export async function loadBundledIndex(assets: AssetsBinding): Promise<BundledIndex> {
  const response = await fetchAsset(assets, WORKER_ASSET_FILES.index);
  if (!response) {
    throw new HelpdeskError(
      'index_not_ready',
      `Indeksfilen ${WORKER_ASSET_FILES.index} mangler i Workerens assets — kør \`npm run build:worker\` før \`wrangler deploy\`, eller sæt LEXICAL_INDEX=d1, hvis indekset er fyldt i D1 (\`build:worker -- --d1\`).`,
    );
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const state = deserializeIndex(bytes);
  return { state, bytes: bytes.length, ...(await loadAssetTexts(assets)) };
}
