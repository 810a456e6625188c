// Staff pages of an event's registrations: their export with attendance (CSV, XLSX), registering someone by
// their address (they are told by mail), inviting people to a restricted event.
import { definePage, message, redirect } from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import type { Services } from '../../platform/services.ts';
import { emailsFromForm, idParams, staffRegistrationFromForm } from './events.forms.ts';
import { eventsNotices as notices } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { registrationsSheet } from './events.queries.ts';
import { inviteByEmails } from './invitations.ts';
import { notificationSettings } from './notifications.ts';
import { registerByEmail } from './register.ts';
import { eventGone, manageView } from './staff-events.pages.tsx';

export function staffRegistrationPages({ db, config, jobs }: Services) {
  const settings = notificationSettings(config);

  const exportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `/gestion/evenements/:id/inscriptions.${format}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, reply }) => {
        const sheet = await registrationsSheet(db, params.id);
        if (!sheet) return eventGone();
        return sendSheet(reply, { ...sheet, format });
      },
    });

  return [
    ...sheetFormats.map(exportOf),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/inscriptions',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const { email, mode } = staffRegistrationFromForm(form);
        const result = await registerByEmail(
          db,
          { eventId: params.id, email, mode, registeredBy: actor.personId },
          { settings },
        );
        jobs.poke();
        if (result.ok)
          return redirect(
            `/gestion/evenements/${params.id}#inscriptions`,
            result.value.status === 'confirmed'
              ? notices.event_person_registered
              : notices.event_person_waitlisted,
          );
        const errors = { email: result.error.fields?.email ?? result.error.message };
        return manageView(
          db,
          ctx,
          params.id,
          { registerForm: { errors, values: form } },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/invitations',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const result = await db.transaction((tx) =>
          inviteByEmails(tx, params.id, emailsFromForm(form), actor.personId),
        );
        if (result.ok) return redirect(`/gestion/evenements/${params.id}#invitations`, notices.event_invited);
        if (result.error.code === 'not_restricted')
          return message(result.error.status, 'Pas d’invitations', result.error.message);
        const errors = { emails: result.error.fields?.emails ?? result.error.message };
        return manageView(db, ctx, params.id, { inviteForm: { errors, values: form } }, result.error.status);
      },
    }),
  ];
}
