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

/** How many images the PDF shows, as `pdfimages -list` lists them (an image's transparency mask aside). */
export async function pdfImages(pdf: Buffer): Promise<number> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdfimages', ['-list', file]);
    // A header of two lines, then one line per image: « page num type width height … », type image or smask.
    return stdout
      .trim()
      .split('\n')
      .slice(2)
      .filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
  });
}

async function withFile<T>(pdf: Buffer, read: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'coopdec-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await read(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The PDF's text, no-break spaces as plain ones and lines joined, so that an expected text is typed plainly. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', [file, '-']);
    return stdout.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
  });
}
