import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The help desk running in its own process (so its memory is measured alone). */
export interface SoakServer {
  url: string;
  pid: number;
  /** Resident set size in bytes, now. */
  rss(): number;
  /** The last 20 kB the server wrote to stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Start `node --import tsx src/runtime/node.ts serve` with `env` and wait for its URL. */
export async function startSoakServer(env: Record<string, string>, timeoutMs = 180_000): Promise<SoakServer> {
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/runtime/node.ts', 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-20_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Serveren startede ikke inden for ${timeoutMs} ms.\n${stderr}`)),
      timeoutMs,
    );
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
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
