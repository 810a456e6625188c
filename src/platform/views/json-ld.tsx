/**
 * Structured data for search engines. The one place where we write raw markup: JSON with `<` escaped,
 * so that no text can close the script element.
 */
export function JsonLd({ data }: { data: unknown }) {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
