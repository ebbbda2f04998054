import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A help desk server running in a child process. */
export interface ChildServer {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first `200` from `/healthz`. */
  coldStartMs: number;
  /** Resident memory of the child now, in bytes (from /proc). */
  rss(): number;
  /** Peak resident memory of the child so far, in bytes. */
  peakRss(): number;
  /** Everything the child has written to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  corpusDir: string;
  dataDir: string;
  /** Extra environment (e.g. RATE_LIMIT_PER_MINUTE). */
  env?: Record<string, string>;
  /** Give up after this many milliseconds; default 10 minutes. */
  timeoutMs?: number;
  /** Repository root (its `package.json` builds the server); default the current folder. */
  root?: string;
  /** The server's working directory (it looks for `dist/widget.js` there); default `root`. */
  cwd?: string;
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/** Whether the server bundle is newer than `package.json` and every file under `src/`. */
function bundleIsFresh(root: string): boolean {
  let built: number;
  try {
    built = statSync(resolve(root, SERVER_BUNDLE)).mtimeMs;
  } catch {
    return false;
  }
  const newer = (path: string): boolean => {
    const info = statSync(path);
    if (!info.isDirectory()) return info.mtimeMs >= built;
    return readdirSync(path).some((name) => newer(join(path, name)));
  };
  return !newer(resolve(root, 'package.json')) && !newer(resolve(root, 'src'));
}

/** The bundle `npm run build:server` writes and `npm start` runs, relative to the repository root. */
const SERVER_BUNDLE = 'dist/server/node.js';

/**
 * Build and spawn the server as `npm start` does (`node dist/server/node.js serve`) on a free port with the
 * corpus watcher off, read its URL from stdout and poll `/healthz` until it
 * answers 200 — the cold start as an operator sees it.
 */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const root = options.root ?? process.cwd();
  // what `npm start` runs: the bundled server, built first unless it is newer than every source file (so it is the
  // code of this checkout; and a server another test started keeps running from files no build rewrites under it)
  if (!bundleIsFresh(root)) execFileSync('npm', ['run', '-s', 'build:server'], { cwd: root, stdio: 'ignore' });
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', resolve(root, SERVER_BUNDLE), 'serve'], {
    cwd: options.cwd ?? root,
    env: {
      ...process.env,
      CORPUS_DIR: options.corpusDir,
      DATA_DIR: options.dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      WATCH_CORPUS: 'false',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Serveren startede ikke:\n${output}`)), options.timeoutMs ?? 600_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Serveren stoppede (kode ${code}):\n${output}`));
    });
  });
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = performance.now() - started;
  const pid = child.pid!;
  child.removeAllListeners('exit');
  // a server that stopped has no /proc entry: say so, with why, instead of ENOENT
  const statusOf = (field: 'VmRSS' | 'VmHWM') => {
    try {
      return procStatus(pid, field);
    } catch {
      throw new Error(
        `the server (pid ${pid}) has stopped (exit code ${child.exitCode}, signal ${child.signalCode}); its last output:\n${output.slice(-2000)}`,
      );
    }
  };
  return {
    url,
    pid,
    coldStartMs,
    rss: () => statusOf('VmRSS'),
    peakRss: () => statusOf('VmHWM'),
    output: () => output,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null || child.signalCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
