import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { median } from './stats.js';

/** The help desk running in its own process (so its memory is measured alone). */
export interface SoakServer {
  url: string;
  pid: number;
  /** Resident set size in bytes, now. */
  rss(): number;
  /**
   * Live heap after each full (mark-compact) garbage collection, from `--trace-gc`, with the
   * `performance.now()` of its arrival: the memory the server really keeps, without GC sawtooth.
   */
  heapAfterGc(): { at: number; mb: number }[];
  /** The last 20 kB the server wrote to stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Start `node --import tsx src/runtime/node.ts serve` with `env` and wait for its URL. */
export async function startSoakServer(env: Record<string, string>, timeoutMs = 180_000): Promise<SoakServer> {
  const proc: ChildProcess = spawn(
    process.execPath,
    ['--trace-gc', '--import', 'tsx', 'src/runtime/node.ts', 'serve'],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  // one series per isolate: tsx's loader runs on its own thread, and --trace-gc reports both
  const gcByIsolate = new Map<string, { at: number; mb: number }[]>();
  let partial = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      // e.g. "[123:0x…]   5021 ms: Mark-Compact 61.2 (75.9) -> 48.3 (74.1) MB, …"
      const m =
        /^\[\d+:(0x[0-9a-f]+)\].*Mark-Compact(?: \(reduce\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/.exec(
          line,
        );
      if (!m) continue;
      if (!gcByIsolate.has(m[1]!)) gcByIsolate.set(m[1]!, []);
      gcByIsolate.get(m[1]!)!.push({ at: performance.now(), mb: Number(m[4]) });
    }
  });
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-20_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Serveren startede ikke inden for ${timeoutMs} ms.\n${stderr}`)),
      timeoutMs,
    );
    let out = '';
    proc.stdout!.on('data', (d: string) => {
      out = (out + d).slice(-10_000);
      const m = /kører på (http:\/\/\S+?)[\s(]/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Serveren stoppede (kode ${code}).\n${stderr}`));
    });
  });
  const pid = proc.pid!;
  return {
    url,
    pid,
    rss: () => rssOf(pid),
    // the server's main isolate is the one holding the most (the index); the loader thread's heap is small
    heapAfterGc: () =>
      [...gcByIsolate.values()].sort((a, b) => median(b.map((x) => x.mb)) - median(a.map((x) => x.mb)))[0] ?? [],
    stderr: () => stderr,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** RSS of a process in bytes: `/proc/<pid>/status` on Linux, else `ps`. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}
