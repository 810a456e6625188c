// Expected business failures are values, not exceptions: a code for machines, a French sentence for people.
export interface Failure {
  code: string;
  message: string;
  fields?: Record<string, string>;
  /** The HTTP status an API answers with. */
  status: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (status: number, code: string, message: string, fields?: Record<string, string>) =>
  ({ ok: false, error: { status, code, message, ...(fields ? { fields } : {}) } }) as const;
