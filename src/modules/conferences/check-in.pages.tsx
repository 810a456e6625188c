// Check-in at the Rencontres for staff: the page of a door (the entrance, or a session's with `?seance=`), and
// where its scans go — a phone's batch as JSON (public/check-in.js), or one scan from the form without it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, notFound, type PageOutcome, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { optional, uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { presentCount, readScanBatch, recordScans, type ScanResult, scanInput } from './check-in.ts';
import { conferencesMessages } from './conferences.messages.ts';
import { everyRoomKinds, getConference, listSessions } from './conferences.ts';
import { CheckInDeskPage, presentText } from './views/check-in.tsx';

const idParams = z.object({ id: uuid });
const doorQuery = z.object({ seance: optional(uuid) });

export function checkInPages({ db }: Services) {
  /** The page of a door, with the answer to the scan just posted; 404 for no edition or no such session. */
  async function desk(
    ctx: PageContext,
    conferenceId: string,
    sessionId: string | undefined,
    answered?: { result: ScanResult; code: string },
  ): Promise<PageOutcome> {
    const conference = await getConference(db, conferenceId);
    if (!conference) return notFound(conferencesMessages.conferenceNotFound().text);
    const sessions = await listSessions(db, conferenceId);
    const door = sessionId ? sessions.find((s) => s.id === sessionId) : undefined;
    if (sessionId && !door) return notFound(conferencesMessages.sessionNotFound().text);
    return view(
      <CheckInDeskPage
        ctx={ctx}
        conference={conference}
        door={door}
        doors={sessions.filter((s) => !everyRoomKinds.includes(s.kind))}
        present={await presentCount(db, conferenceId, sessionId)}
        nonce={randomUUID()}
        letInNonce={randomUUID()}
        result={answered?.result}
        code={answered?.result.canLetIn ? answered.code : undefined}
      />,
    );
  }

  return [
    definePage({
      method: 'GET',
      url: '/gestion/rencontres/:id/accueil',
      access: staffOnly,
      params: idParams,
      query: doorQuery,
      handler: async ({ ctx, params, query }) => desk(ctx, params.id, query.seance),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/rencontres/:id/accueil/scans',
      access: staffOnly,
      params: idParams,
      query: doorQuery,
      handler: async ({ request, reply, actor, params, query, form, ctx }) => {
        const sessionId = query.seance;
        if (request.headers['content-type']?.startsWith('application/json')) {
          // A phone's queue: the answers as JSON, with the door's count after them.
          const batch = readScanBatch(request.body);
          const results = batch.ok ? await recordScans(db, params.id, batch.value, actor.personId) : batch;
          if (!results.ok)
            return reply
              .code(results.error.status)
              .send({ code: results.error.code, message: results.error.message });
          const present = await presentCount(db, params.id, sessionId);
          return reply.header('cache-control', 'no-store').send({
            results: results.value,
            present: presentText(present, sessionId !== undefined),
          });
        }
        // Without JavaScript: one scan, made now, and the page again with its answer.
        const scan = scanInput.safeParse({
          nonce: form.nonce,
          code: form.code ?? '',
          sessionId,
          scannedAt: new Date().toISOString(),
          letIn: form.letIn === '1' || undefined,
        });
        if (!scan.success) return desk(ctx, params.id, sessionId);
        const results = await recordScans(db, params.id, [scan.data], actor.personId);
        if (!results.ok) return notFound(results.error.message);
        return desk(ctx, params.id, sessionId, { result: results.value[0]!, code: scan.data.code });
      },
    }),
  ];
}
