// The files of public/ under names that say their content (app.<hash>.css): a browser or a proxy keeps
// them for a year without asking again, and a new version is a new name that every page links to at once.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

/** File name → its hashed name (« app.css » → « app.3f9c0a1b2d4e.css »), read once at start. */
export const hashedNames: ReadonlyMap<string, string> = new Map(
  readdirSync(publicDir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map(({ name }) => {
      const hash = createHash('sha256')
        .update(readFileSync(`${publicDir}/${name}`))
        .digest('hex')
        .slice(0, 12);
      const dot = name.lastIndexOf('.');
      return [name, dot > 0 ? `${name.slice(0, dot)}.${hash}${name.slice(dot)}` : `${name}.${hash}`];
    }),
);

/** The address of a static file: `/static/app.css` → `/static/app.<hash>.css`; other addresses as they are. */
export function assetUrl(address: string): string {
  if (!address.startsWith('/static/')) return address;
  const hashed = hashedNames.get(address.slice('/static/'.length));
  return hashed ? `/static/${hashed}` : address;
}
