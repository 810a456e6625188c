// PGlite does not stop a second process from opening the same folder, and rows are lost when two do:
// a lock file holding the owner's pid guards the folder.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DirectoryLockedError extends Error {}

/** Lock files this process holds. A lock file naming our own pid but not in here was left by an earlier
 * process that had the same pid (PID 1 in a container restarted after kill -9): it is stale. */
const held = new Set<string>();

export function acquireDirectoryLock(dir: string): () => Promise<void> {
  const path = resolve(dir, 'coopdec.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(path);
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        held.delete(path);
        process.off('exit', releaseSync);
        unlinkSync(path);
      };
      const releaseSync = () => {
        if (!released) unlinkSync(path);
      };
      process.on('exit', releaseSync);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      const ours = owner === process.pid;
      if (Number.isInteger(owner) && (ours ? held.has(path) : isAlive(owner))) {
        throw new DirectoryLockedError(
          `La base embarquée ${dir} est déjà ouverte par le processus ${owner}. ` +
            'Arrêtez-le (ou utilisez DATABASE_URL pour partager une base PostgreSQL).',
        );
      }
      // The owner died without cleaning up (kill -9, power loss): the lock is stale.
      unlinkSync(path);
    }
  }
  throw new DirectoryLockedError(`Impossible de verrouiller ${dir}.`);
}
