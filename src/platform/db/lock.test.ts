import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from './client.ts';
import { acquireDirectoryLock, DirectoryLockedError } from './lock.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const clientModule = fileURLToPath(new URL('./client.ts', import.meta.url));
const lockModule = fileURLToPath(new URL('./lock.ts', import.meta.url));

/** Another process opens the embedded database in `dir` (and closes it); it reports what happened as JSON. */
async function openInAnotherProcess(
  dir: string,
): Promise<{ ok: boolean; locked?: boolean; message?: string }> {
  const script = `
    const { openDatabase } = await import(${JSON.stringify(clientModule)});
    const { DirectoryLockedError } = await import(${JSON.stringify(lockModule)});
    try {
      const database = await openDatabase({ dataDir: ${JSON.stringify(dir)} });
      await database.close();
      console.log(JSON.stringify({ ok: true }));
    } catch (error) {
      console.log(JSON.stringify({ ok: false, locked: error instanceof DirectoryLockedError, message: error.message }));
    }`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', './bin/typescript.js', '--input-type=module', '-e', script],
    { cwd: root, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the lock on the embedded database folder', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopdec-lock-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second process while the first holds the folder, in French, then lets it in', async () => {
    const dir = freshDir();
    const first = await openDatabase({ dataDir: dir });
    try {
      assert.equal(readFileSync(join(dir, 'coopdec.lock'), 'utf8'), String(process.pid));
      const second = await openInAnotherProcess(dir);
      assert.equal(second.ok, false);
      assert.equal(second.locked, true, 'the error is a DirectoryLockedError');
      assert.equal(
        second.message,
        `La base embarquée ${dir} est déjà ouverte par le processus ${process.pid}. ` +
          'Arrêtez-le (ou utilisez DATABASE_URL pour partager une base PostgreSQL).',
      );
    } finally {
      await first.close();
    }
    assert.equal(existsSync(join(dir, 'coopdec.lock')), false, 'closing releases the lock');
    assert.deepEqual(await openInAnotherProcess(dir), { ok: true });
  });

  it('refuses a second open in the same process too', async () => {
    const dir = freshDir();
    const release = acquireDirectoryLock(dir);
    try {
      assert.throws(() => acquireDirectoryLock(dir), DirectoryLockedError);
    } finally {
      await release();
    }
    await acquireDirectoryLock(dir)();
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dir = freshDir();
    const pid = await deadPid();
    writeFileSync(join(dir, 'coopdec.lock'), String(pid));
    const database = await openDatabase({ dataDir: dir });
    try {
      assert.equal(readFileSync(join(dir, 'coopdec.lock'), 'utf8'), String(process.pid));
      assert.equal(await database.ping(), true);
    } finally {
      await database.close();
    }
    assert.equal(existsSync(join(dir, 'coopdec.lock')), false);
  });

  it('takes over a lock naming its own pid, left by an earlier process that had it (PID 1 in a container)', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'coopdec.lock'), String(process.pid));
    const release = acquireDirectoryLock(dir);
    try {
      assert.throws(
        () => acquireDirectoryLock(dir),
        DirectoryLockedError,
        'but not while this process holds it',
      );
    } finally {
      await release();
    }
    assert.equal(existsSync(join(dir, 'coopdec.lock')), false);
  });

  it('takes over a lock file that holds no pid (a crash while writing it)', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'coopdec.lock'), '');
    const release = acquireDirectoryLock(dir);
    assert.equal(readFileSync(join(dir, 'coopdec.lock'), 'utf8'), String(process.pid));
    await release();
  });
});
