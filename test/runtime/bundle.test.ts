import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, copyCorpus, removeTemps, tempDir } from './helpers.js';

/** Starting on a busy 2-core machine can take many seconds. */
const SLOW = 120_000;

afterAll(removeTemps);

describe('npm start: the server bundle', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it(
    'serves answers and builds the widget from the working directory when dist/widget.js is missing',
    async () => {
      execFileSync('npm', ['run', '-s', 'build:server'], { stdio: 'ignore' });
      // a fresh checkout as npm start sees it: sources present, no dist/widget.js (npm test builds that one here)
      const cwd = tempDir('bundle-cwd-');
      symlinkSync(resolve('src'), join(cwd, 'src'));
      child = spawn(process.execPath, [resolve('dist/server/node.js'), 'serve'], {
        cwd,
        env: cleanEnv({
          CORPUS_DIR: copyCorpus(),
          DATA_DIR: tempDir('bundle-data-'),
          PORT: '0',
          HOST: '127.0.0.1',
          WATCH_CORPUS: 'false',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const url = await new Promise<string>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL printed:\n${output}`)), SLOW - 10_000);
        const read = (data: Buffer) => {
          output += data.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (m) {
            clearTimeout(timer);
            ok(m[1]!);
          }
        };
        child!.stdout!.on('data', read);
        child!.stderr!.on('data', read);
        child!.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${output}`)));
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const widget = await fetch(`${url}/widget.js`);
      expect(widget.status).toBe(200);
      expect(await widget.text()).toMatch(/^\/\*! opi-helpdesk widget \*\//);
      const ask = await fetch(`${url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'Hvad er OPI?' }),
      });
      expect(ask.status).toBe(200);
      expect(output).not.toMatch(/Widgetten kunne ikke bygges/);
    },
    SLOW,
  );
});
