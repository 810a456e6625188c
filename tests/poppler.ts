// PDFs read back by poppler (pdftotext): an implementation independent of pdfkit says what a document shows.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Why a PDF test is skipped on a machine without poppler-utils, or false. */
export const withoutPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'poppler-utils is not installed';
  }
})();

/** The PDF's text, no-break spaces as plain ones and lines joined, so that an expected text is typed plainly. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coopdec-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', [file, '-']);
    return stdout.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
