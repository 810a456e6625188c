// What the access log keeps of a request: never a secret. Sign-in links, calendar feeds and check-in codes
// carry their secret in the address; the log keeps the query's names without their values, and writes
// `[secret]` for a path segment that looks like a token (20 or more URL-safe characters, other than a UUID or
// a UUID with a file's extension): a check-in code `<uuid>.<mac>` is one.

import type { FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import pino from 'pino';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const token = /^[\w-]{20,}(\.[\w-]+)?$/;
/** A file's extension (`.ics`): a UUID followed by one is an address, not a secret. */
const extension = /\.[a-z0-9]{1,5}$/i;

export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const segments = path
    .split('/')
    .map((segment) =>
      token.test(segment) && !uuid.test(segment.replace(extension, '')) ? '[secret]' : segment,
    );
  const names = query
    ?.split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=…`)
    .join('&');
  return `${segments.join('/')}${names ? `?${names}` : ''}`;
}

/** The request as pino writes it in the access log. */
export const requestSerializer = (request: FastifyRequest) => ({
  method: request.method,
  url: redactUrl(request.url),
  remoteAddress: request.ip,
});

/** The process's logger (JSON lines): the access log goes through `requestSerializer`. */
export const createLogger = (level: string, destination?: DestinationStream) =>
  pino({ level, serializers: { req: requestSerializer } }, destination);
