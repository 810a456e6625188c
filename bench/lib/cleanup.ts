// Whatever a benchmark made (a database, a child process) is undone at the end, even when it fails or is
// interrupted (Ctrl-C, or the runner's time limit sending SIGTERM).
type Cleanup = () => Promise<unknown>;

const cleanups = new Set<Cleanup>();
let installed = false;

/** Registers `fn`; returns a function that runs it once and unregisters it. */
export function onCleanup(fn: Cleanup): () => Promise<void> {
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up before stopping…`);
        void runAll().finally(() => process.exit(130));
      });
    }
    // A rejection nobody awaited would end the process before the `finally` blocks drop the databases.
    for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
      process.once(event, (error) => {
        console.error(error);
        void runAll().finally(() => process.exit(1));
      });
    }
  }
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    cleanups.delete(run);
    await fn();
  };
  cleanups.add(run);
  return run;
}

/** Runs every registered cleanup, newest first; a failing one does not stop the others. */
export async function runAll(): Promise<void> {
  for (const run of [...cleanups].reverse()) {
    try {
      await run();
    } catch (error) {
      console.error('cleanup failed:', error);
    }
  }
}
