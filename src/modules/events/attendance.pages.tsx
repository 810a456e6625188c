// Attendance, for staff: the check-in list at the door (search, tick, undo), the QR code of a registration
// scanned with a phone, and online attendance from a video-call report (upload, preview, confirmation).
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import {
  definePage,
  message,
  notFound,
  type PageOutcome,
  redirect,
  view,
} from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { formatWhen } from '../../platform/time.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { applyAttendanceImport, prepareAttendanceImport } from './attendance-import.ts';
import {
  checkIn,
  checkInByToken,
  inCheckInWindow,
  registrationIdOfToken,
  scanOf,
  undoCheckIn,
} from './check-in.ts';
import {
  attendanceReportFromForm,
  idParams,
  importParams,
  registrationParams,
  searchText,
} from './events.forms.ts';
import { eventsMessages as m, eventsNotices as notices } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { attendanceReportPage, attendanceUploadPage, checkInPage } from './events.queries.ts';
import { eventGone } from './staff-events.pages.tsx';
import {
  AttendanceReportPage,
  AttendanceUploadPage,
  CheckInPage,
  QrCheckInPage,
  QrCodeInfoPage,
} from './views/attendance.tsx';
import type { FormState } from './views/parts.tsx';

/** Back to the check-in list, with the search that was on it, at the person just ticked. */
const checkInUrl = (eventId: string, q: string, registrationId: string) =>
  `/gestion/evenements/${eventId}/emargement${q ? `?q=${encodeURIComponent(q)}` : ''}#r-${registrationId}`;

const registrationGone = () => notFound(m.registrationGone().text);
const reportGone = () => notFound(m.reportGone().text);
const unknownCode = () => notFound(m.unknownCheckInCode().text, 'Code de présence inconnu');
const tokenParams = z.object({ token: z.string().max(200) });

/** The upload form of video-call reports; after a refused one, with why. 404 for no event. */
async function uploadView(
  executor: Executor,
  ctx: PageContext,
  eventId: string,
  form: FormState = {},
  status = 200,
): Promise<PageOutcome> {
  const data = await attendanceUploadPage(executor, eventId);
  if (!data) return eventGone();
  return view(<AttendanceUploadPage ctx={ctx} {...data} {...form} />, status);
}

export function attendancePages({ db, config }: Services) {
  return [
    // ——— At the door ———
    definePage({
      method: 'GET',
      url: '/gestion/evenements/:id/emargement',
      access: policy.manage,
      params: idParams,
      query: z.object({ q: searchText }),
      handler: async ({ params, query, ctx, notice }) => {
        const data = await checkInPage(db, params.id, query.q);
        if (!data) return eventGone();
        return view(<CheckInPage ctx={ctx} {...data} notice={notice} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/emargement/:registrationId',
      access: policy.manage,
      params: registrationParams,
      handler: async ({ actor, params, form }) => {
        const result = await db.transaction((tx) =>
          checkIn(tx, params.registrationId, actor.personId, 'check_in', { eventId: params.id }),
        );
        if (!result.ok) {
          if (result.error.code === 'not_found') return registrationGone();
          return message(result.error.status, 'Présence non enregistrée', result.error.message);
        }
        return redirect(
          checkInUrl(params.id, searchText.parse(form.q), params.registrationId),
          result.value.recorded ? notices.event_checked_in : notices.event_already_checked_in,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/emargement/:registrationId/annulation',
      access: policy.manage,
      params: registrationParams,
      handler: async ({ actor, params, form }) => {
        const result = await db.transaction((tx) =>
          undoCheckIn(tx, params.registrationId, actor.personId, { eventId: params.id }),
        );
        if (!result.ok) return registrationGone();
        return redirect(
          checkInUrl(params.id, searchText.parse(form.q), params.registrationId),
          result.value.undone ? notices.event_check_in_undone : notices.event_check_in_not_undone,
        );
      },
    }),
    // The address in each registration's QR code, opened by a phone's camera: it only shows. Staff see who and
    // which event, and record the presence with a POST; anyone else is told what the code is for, and nothing
    // about the person.
    definePage({
      method: 'GET',
      url: '/emargement/:token',
      access: 'public',
      params: tokenParams,
      handler: async ({ actor, params, ctx, notice }) => {
        if (!registrationIdOfToken(params.token)) return unknownCode();
        if (!actor || !policy.manage(actor))
          return view(<QrCodeInfoPage ctx={ctx} text={m.scanAtTheDoor().text} />, 403);
        const scan = await scanOf(db, params.token);
        if (!scan) return unknownCode();
        return view(
          <QrCheckInPage ctx={ctx} scan={scan} action={`/emargement/${params.token}`} notice={notice} />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/emargement/:token',
      access: policy.manage,
      params: tokenParams,
      handler: async ({ actor, params, form, ctx }) => {
        const action = `/emargement/${params.token}`;
        const scan = await scanOf(db, params.token);
        if (!scan) return unknownCode();
        if (
          scan.registration.status === 'confirmed' &&
          !scan.presentSince &&
          form.confirm !== '1' &&
          !inCheckInWindow(scan.event, config.EVENT_CHECK_IN_MARGIN_HOURS)
        ) {
          const when = formatWhen(scan.event.startsAt, scan.event.endsAt);
          return view(
            <QrCheckInPage
              ctx={ctx}
              scan={scan}
              action={action}
              outsideWindow={m.checkInOutsideWindow({ when }).text}
            />,
          );
        }
        const result = await db.transaction((tx) => checkInByToken(tx, params.token, actor.personId));
        if (!result.ok) {
          if (result.error.code === 'not_found') return unknownCode();
          return view(
            <QrCheckInPage ctx={ctx} scan={scan} action={action} refusal={result.error.message} />,
            result.error.status,
          );
        }
        return redirect(
          action,
          result.value.recorded ? notices.event_checked_in : notices.event_already_checked_in,
        );
      },
    }),

    // ——— Online, from a video-call report ———
    definePage({
      method: 'GET',
      url: '/gestion/evenements/:id/presences-en-ligne',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => uploadView(db, ctx, params.id),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/presences-en-ligne',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, request, ctx }) => {
        const { values, input } = attendanceReportFromForm(request.body);
        const result = input.ok
          ? await db.transaction((tx) => {
              const { fileName, data, minMinutes } = input.value;
              return prepareAttendanceImport(tx, params.id, fileName, data, minMinutes, actor.personId);
            })
          : input;
        if (result.ok)
          return redirect(`/gestion/evenements/${params.id}/presences-en-ligne/${result.value.id}`);
        const errors = result.error.fields ?? { file: result.error.message };
        return uploadView(db, ctx, params.id, { errors, values }, result.error.status);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/evenements/:id/presences-en-ligne/:importId',
      access: policy.manage,
      params: importParams,
      handler: async ({ params, ctx }) => {
        const data = await attendanceReportPage(db, params.id, params.importId);
        if (!data) return reportGone();
        return view(<AttendanceReportPage ctx={ctx} {...data} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/presences-en-ligne/:importId/confirmer',
      access: policy.manage,
      params: importParams,
      handler: async ({ actor, params, ctx }) => {
        const result = await db.transaction((tx) =>
          applyAttendanceImport(tx, params.importId, actor.personId, { eventId: params.id }),
        );
        if (!result.ok) {
          if (result.error.code === 'not_found') return reportGone();
          return message(result.error.status, 'Rapport déjà enregistré', result.error.message);
        }
        const data = await attendanceReportPage(db, params.id, params.importId);
        if (!data) return reportGone();
        return view(<AttendanceReportPage ctx={ctx} {...data} result={result.value} />);
      },
    }),
  ];
}
