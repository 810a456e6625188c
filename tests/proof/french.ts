// Is a refusal explained in French? A message must read as French (accents, French words) and carry none
// of the English defaults of the libraries (zod, Fastify, the JSON parser).
import type { InjectResponse } from './http.ts';

export const englishDefaults =
  /Invalid input|Invalid (?:string|uuid|email|date|enum|type)|Expected (?:string|number|object|array|boolean)|\bRequired\b|Too (?:big|small)|must (?:be|have|contain|match)|Unexpected token|is not valid JSON|Bad Request|Not Found|Internal Server Error|Unsupported Media Type|Payload Too Large|Request body is too large|Body cannot be empty|Unrecognized key|Unexpected end of JSON|Route \w+:/;

const frenchWords =
  /\b(?:le|la|les|des|du|une?|est|sont|pas|ce|cette|vous|votre|au|aux|ou|et|en|de|pour|avec|sur|dans|introuvable|invalide|attendue?s?|obligatoire|interdite?)\b|[àâçéèêëîïôûùüÿœ’«»]/i;

export function isFrench(text: string): boolean {
  const sentence = text.replace(/\s+/g, ' ').trim();
  return sentence.length >= 8 && frenchWords.test(sentence) && !englishDefaults.test(sentence);
}

/** The text of the page's <main>: what the person reads, without the navigation. */
export function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, '’')
    .replace(/&[a-z]+;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Why a 4xx answer is not a French explanation (undefined when it is one). */
export function notFrench(response: InjectResponse): string | undefined {
  const type = String(response.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    let message: unknown;
    try {
      message = response.json().error?.message;
    } catch {
      return 'a JSON answer that does not parse';
    }
    if (typeof message !== 'string') return `JSON without error.message: ${response.body.slice(0, 200)}`;
    return isFrench(message) ? undefined : `JSON message not in French: « ${message} »`;
  }
  if (type.startsWith('text/html')) {
    if (!/<html lang="fr"/.test(response.body)) return 'an HTML page not marked lang="fr"';
    if (englishDefaults.test(response.body))
      return `an English default in the page: « ${englishDefaults.exec(response.body)![0]} »`;
    const text = mainText(response.body);
    return isFrench(text) ? undefined : `no French sentence in the page: « ${text.slice(0, 200)} »`;
  }
  if (type.startsWith('text/plain'))
    return isFrench(response.body)
      ? undefined
      : `plain text not in French: « ${response.body.slice(0, 200)} »`;
  return `a ${response.statusCode} answer of type « ${type} »: ${response.body.slice(0, 120)}`;
}
