// Texts that people read live in one messages file per module, under keys `module.name`. A domain result
// carries the key and its parameters; the French text is made from them here. A second language adds its
// texts for the same keys, and the domain code does not change.

type Text = string | ((params: never) => string);

/** A text for a person: its key and parameters (for another language later) and its French wording. */
export interface Message {
  key: string;
  params: Record<string, unknown>;
  text: string;
}

type Messages<T extends Record<string, Text>> = {
  [K in keyof T]: T[K] extends (params: infer P) => string ? (params: P) => Message : () => Message;
};

const catalog = new Map<string, Text>();

function register(key: string, text: Text) {
  const known = catalog.get(key);
  if (known !== undefined && known !== text) throw new Error(`texte défini deux fois : ${key}`);
  catalog.set(key, text);
}

/** Declares a module's texts; each becomes a function that gives the Message (with its parameters). */
export function defineMessages<const T extends Record<string, Text>>(
  namespace: string,
  texts: T,
): Messages<T> {
  const messages: Record<string, (params?: Record<string, unknown>) => Message> = {};
  for (const [name, text] of Object.entries(texts)) {
    const key = `${namespace}.${name}`;
    register(key, text);
    messages[name] = (params = {}) => ({
      key,
      params,
      text: typeof text === 'string' ? text : (text as (p: unknown) => string)(params),
    });
  }
  return messages as Messages<T>;
}

// Notices travel as a key in the redirect, never as free text: a crafted link cannot put words in our mouth.
const notices = new Map<string, string>();

/** Declares the notices a module may show after an action; returns their keys (`module.name`). */
export function defineNotices<const T extends Record<string, string>>(
  namespace: string,
  texts: T,
): { [K in keyof T]: string } {
  const keys: Record<string, string> = {};
  for (const [name, text] of Object.entries(texts)) {
    const key = `${namespace}.${name}`;
    const known = notices.get(key);
    if (known !== undefined && known !== text) throw new Error(`message défini deux fois : ${key}`);
    notices.set(key, text);
    keys[name] = key;
  }
  return keys as { [K in keyof T]: string };
}

export const noticeText = (key: string): string | undefined => notices.get(key);
