/** Options of `npm run soak`. */
export interface SoakOptions {
  /** Length of the measured run, after warm-up. */
  minutes: number;
  /** Requests per second, offered open-loop (a slow server does not slow the generator). */
  rps: number;
  /** Warm-up before measuring (not counted in latency or memory growth). */
  warmupSeconds: number;
  /** Seconds between re-index requests. */
  reindexEverySeconds: number;
  /** Corpus copied into the run's temporary directory. */
  corpus: string;
  /** Write the result into docs/BENCHMARKS.md. */
  write: boolean;
  /** Most requests in flight; beyond it a request counts as an error (overload). */
  maxInFlight: number;
}

const DEFAULTS: SoakOptions = {
  minutes: 10,
  rps: 100,
  warmupSeconds: 60,
  reindexEverySeconds: 60,
  corpus: 'corpus',
  write: true,
  maxInFlight: 512,
};

const USAGE = `Brug: npm run soak -- [--minutes 10] [--rps 100] [--warmup 60] [--reindex-every 60] [--corpus corpus] [--no-write]`;

/** Parse `--name value` flags; throws with the usage text on anything unknown. */
export function parseSoakArgs(argv: string[]): SoakOptions {
  const out = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} mangler en værdi.\n${USAGE}`);
      return v;
    };
    const num = (min: number) => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < min) throw new Error(`${flag} skal være et tal ≥ ${min}.\n${USAGE}`);
      return v;
    };
    if (flag === '--minutes') out.minutes = num(0.1);
    else if (flag === '--rps') out.rps = num(1);
    else if (flag === '--warmup') out.warmupSeconds = num(0);
    else if (flag === '--reindex-every') out.reindexEverySeconds = num(5);
    else if (flag === '--max-in-flight') out.maxInFlight = num(1);
    else if (flag === '--corpus') out.corpus = value();
    else if (flag === '--no-write') out.write = false;
    else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else throw new Error(`Ukendt flag ${flag}.\n${USAGE}`);
  }
  return out;
}
