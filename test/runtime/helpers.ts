import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Config } from '../../src/config.js';

/** Temp directories made by a test file, removed by `removeTemps`. */
const temps: string[] = [];

/** A fresh temp directory. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A temp copy of a corpus folder (the small fixture corpus by default). */
export function copyCorpus(from = 'test/fixtures/helpdesk-corpus'): string {
  const dir = tempDir('opi-rt-corpus-');
  cpSync(resolve(from), dir, { recursive: true });
  return dir;
}

export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `process.env` without any setting of the help desk, plus `env`: tests never inherit a developer's configuration. */
export function cleanEnv(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const ours = new Set(Object.keys(Config.shape));
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !ours.has(key)) out[key] = value;
  }
  return { ...out, ...env };
}

/** Poll `check` until it returns a value other than `undefined`/`false`, or fail after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
