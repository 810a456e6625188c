// Every error a person or a client can meet gets a French sentence; only bugs are 500s, and they are logged.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Failure } from '../result.ts';

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export function apiError(
  reply: FastifyReply,
  failure: Pick<Failure, 'status' | 'code' | 'message' | 'fields'>,
) {
  const body: ApiErrorBody = { error: { code: failure.code, message: failure.message } };
  if (failure.fields) body.error.fields = failure.fields;
  return reply.code(failure.status).type('application/json; charset=utf-8').send(body);
}

const messagesByStatus: Record<number, [string, string]> = {
  400: ['bad_request', 'La requête est invalide.'],
  401: ['unauthenticated', 'Vous devez vous identifier.'],
  403: ['forbidden', 'Vous n’avez pas accès à cette ressource.'],
  404: ['not_found', 'Cette page ou cette ressource n’existe pas.'],
  405: ['method_not_allowed', 'Cette méthode n’est pas permise ici.'],
  406: ['not_acceptable', 'Ce format de réponse n’est pas disponible.'],
  409: ['conflict', 'Cette ressource existe déjà.'],
  413: ['payload_too_large', 'Le contenu envoyé est trop volumineux.'],
  414: ['uri_too_long', 'L’adresse demandée est trop longue.'],
  415: ['unsupported_media_type', 'Ce type de contenu n’est pas accepté.'],
  422: ['unprocessable', 'Cette demande ne peut pas être traitée.'],
  429: ['rate_limited', 'Trop de tentatives : patientez quelques minutes avant de réessayer.'],
};

const messagesByCode: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'Le corps de la requête n’est pas un JSON valide.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    'invalid_json',
    'Le corps de la requête est vide alors qu’un JSON est attendu.',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'Le contenu envoyé est trop volumineux.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Ce type de contenu n’est pas accepté.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', 'La longueur annoncée du contenu est fausse.'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'unsupported_media_type', 'Le type de contenu est mal formé.'],
  FST_CSRF_INVALID_TOKEN: [
    403,
    'csrf',
    'Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez.',
  ],
  FST_CSRF_MISSING_SECRET: [
    403,
    'csrf',
    'Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez.',
  ],
  FST_REQ_FILE_TOO_LARGE: [413, 'payload_too_large', 'Le fichier dépasse la taille permise.'],
  FST_FILES_LIMIT: [413, 'payload_too_large', 'Trop de fichiers envoyés.'],
  FST_PARTS_LIMIT: [413, 'payload_too_large', 'Le formulaire envoyé comporte trop de parties.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [
    415,
    'unsupported_media_type',
    'Un formulaire avec fichier est attendu.',
  ],
  FST_ERR_BAD_URL: [400, 'bad_request', 'L’adresse demandée est mal formée.'],
  FST_ERR_VALIDATION: [400, 'invalid', 'La requête est invalide.'],
};

export interface Describe {
  status: number;
  code: string;
  message: string;
}

// The multipart parser (busboy) throws plain errors, without code or status, on a malformed body.
const malformedMultipart =
  /^(?:Multipart: Boundary not found|Boundary required|Unexpected end of multipart data|.* terminated early due to unexpected end of multipart data|Malformed part header|Missing Content-Type-header\.|Unsupported Content-Type\.)$/;

const outOfReachMessage =
  /timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|the database system is (starting|shutting) down/;
// Network failures, and PostgreSQL's « shutting down », « cannot connect now », « too many connections ».
const outOfReachCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/**
 * Is the database out of reach? The error may be the driver's, or the ORM's « Failed query … » wrapping it
 * (drizzle's DrizzleQueryError keeps it as `cause`): the chain of causes is read.
 */
function databaseOutOfReach(error: unknown): boolean {
  let current = error as { message?: unknown; code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    if (typeof current.message === 'string' && outOfReachMessage.test(current.message)) return true;
    if (typeof current.code === 'string' && outOfReachCodes.has(current.code)) return true;
    current = current.cause as typeof current;
  }
  return false;
}

/** Turns any thrown error into the answer a person should get. */
export function describeError(error: FastifyError | Error): Describe {
  const e = error as FastifyError & { status?: number };
  const known = e.code ? messagesByCode[e.code] : undefined;
  if (known) return { status: known[0], code: known[1], message: known[2] };
  if (!e.code && e.statusCode === undefined && malformedMultipart.test(e.message)) {
    return { status: 400, code: 'bad_request', message: 'Le formulaire envoyé est mal formé.' };
  }
  // The database is unreachable or every connection is busy: nothing was written, the person may retry.
  if (databaseOutOfReach(e)) {
    return {
      status: 503,
      code: 'unavailable',
      message:
        'Le service est momentanément indisponible ou très sollicité : rien n’a été enregistré, réessayez dans un instant.',
    };
  }
  const status = e.statusCode ?? e.status ?? 500;
  if (status >= 400 && status < 500) {
    const [code, message] = messagesByStatus[status] ?? ['bad_request', 'La requête est invalide.'];
    return { status, code, message };
  }
  return {
    status: 500,
    code: 'internal',
    message: 'Une erreur est survenue de notre côté. L’équipe a été prévenue.',
  };
}

export const isApiRequest = (request: FastifyRequest) =>
  request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');

export type HtmlErrorRenderer = (request: FastifyRequest, reply: FastifyReply, error: Describe) => unknown;

export function installErrorHandlers(app: FastifyInstance, renderHtml: HtmlErrorRenderer) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const described = describeError(error);
    if (described.status >= 500) request.log.error({ err: error }, 'erreur interne');
    else request.log.info({ code: described.code, err: error.message }, 'requête refusée');
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (described.status === 429 && headers) reply.headers(headers);
    if (isApiRequest(request)) return apiError(reply, described);
    return renderHtml(request, reply.code(described.status), described);
  });
  app.setNotFoundHandler((request, reply) => {
    const described = describeError(Object.assign(new Error('not found'), { statusCode: 404 }));
    if (isApiRequest(request)) return apiError(reply, described);
    return renderHtml(request, reply.code(404), described);
  });
}
