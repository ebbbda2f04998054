/**
 * Tests that run inside workerd (the Cloudflare Workers runtime) with
 * @cloudflare/vitest-pool-workers: the real `wrangler.toml`, the Worker entry
 * `src/runtime/worker.ts`, a local D1 and the assets directory built from
 * `corpus/`. Offline: no Workers AI or Vectorize (they have no local simulation).
 * Run: `npx vitest run --config vitest.workers.config.ts`.
 */
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { buildWorkerAssets, TEST_WORKER_ASSETS_DIR } from './scripts/build-worker-assets.js';

export default defineConfig({
  plugins: [
    cloudflareTest(async () => {
      // The Worker reads index.bin, synonyms.yaml and widget.js through its ASSETS binding: built
      // from corpus/ into a directory of the tests' own, never over dist/worker-assets (which
      // `deploy:index` may have built for a deploy).
      await buildWorkerAssets({ outDir: TEST_WORKER_ASSETS_DIR });
      return {
        main: './src/runtime/worker.ts',
        wrangler: { configPath: './wrangler.toml', environment: '' },
        remoteBindings: false,
        miniflare: {
          bindings: {
            LOG_LEVEL: 'silent',
            ADMIN_TOKEN: 'workers-test-admin-token-0123456789',
            // sections of test/workers/d1-scale.test.ts (default there: 4000)
            D1_SCALE_SECTIONS: process.env.D1_SCALE_SECTIONS ?? '',
          },
          assets: {
            directory: TEST_WORKER_ASSETS_DIR,
            binding: 'ASSETS',
            routerConfig: { invoke_user_worker_ahead_of_assets: true },
          },
        },
      };
    }),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
