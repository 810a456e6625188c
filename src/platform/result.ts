// Expected business failures are values, not exceptions: a code for machines, a sentence for people.
import type { Message } from './messages.ts';

export interface Failure {
  code: string;
  /** The French sentence. */
  message: string;
  /** The key and parameters it was made from, for another language (absent on texts not yet keyed). */
  text?: Pick<Message, 'key' | 'params'>;
  fields?: Record<string, string>;
  /** The HTTP status an API answers with. */
  status: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  status: number,
  code: string,
  message: string | Message,
  fields?: Record<string, string>,
) =>
  ({
    ok: false,
    error: {
      status,
      code,
      ...(typeof message === 'string'
        ? { message }
        : { message: message.text, text: { key: message.key, params: message.params } }),
      ...(fields ? { fields } : {}),
    },
  }) as const;
