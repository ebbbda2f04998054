/**
 * Run a script's `main`: its result becomes the exit code; a thrown error is printed as one
 * line (no stack) and exits 1.
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
