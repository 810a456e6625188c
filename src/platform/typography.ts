// French typography for text we print (pages, PDF): a no-break space before « : » and inside « », a narrow
// no-break space before « ; ! ? », and an elided article kept with its word (« d’Aix », never « d’ » alone at
// the end of a line).

const nbsp = '\u00a0';
const narrow = '\u202f';

export function frenchText(text: string): string {
  return (
    text
      // « d’ Aix » typed with a space, or « d' » with a straight apostrophe: one word, curly apostrophe.
      .replace(
        /\b(jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’]\s*(?=\p{L})/giu,
        (_, article: string) => `${article}’`,
      )
      .replace(/(\S)\s*([;!?])(?=\s|$)/g, `$1${narrow}$2`)
      .replace(/(\S)\s*:(?=\s|$)/g, `$1${nbsp}:`)
      .replace(/«\s*/g, `«${nbsp}`)
      .replace(/\s*»/g, `${nbsp}»`)
  );
}
