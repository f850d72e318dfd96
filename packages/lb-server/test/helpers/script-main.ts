/**
 * The ending of the stand-alone test scripts (`npm run chaos`, `npm run soak`): run `main()`, exit
 * with the code it returns, or print the failure with its stack and exit 1.
 */

/** Runs `main` and exits the process with its outcome (see module comment); `say` prints a line. */
export function runScript(main: () => Promise<number>, say: (line: string) => void): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      say(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
