// Staff pages of an event's registrations: their export with attendance (CSV, XLSX), registering someone by
// their address (they are told by mail), inviting people — a segment or a list of addresses — after a
// preview of who will receive what.
import { definePage, redirect, view } from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import type { Failure } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { idParams, invitationFromForm, staffRegistrationFromForm } from './events.forms.ts';
import { eventsNotices as notices } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { registrationsSheet } from './events.queries.ts';
import { inviteSegment, planInvitations } from './invitations.ts';
import { notificationSettings } from './notifications.ts';
import { registerByEmail } from './register.ts';
import { eventGone, manageView } from './staff-events.pages.tsx';
import { InvitationPreviewPage } from './views/invitations.tsx';

export function staffRegistrationPages({ db, config, jobs }: Services) {
  const settings = notificationSettings(config);

  /** A refused invitation comes back to the event's page, with what was typed and why. */
  const invitationRefused = (
    ctx: PageContext,
    eventId: string,
    form: Record<string, string | undefined>,
    error: Failure,
  ) => {
    const errors = error.fields ?? { segment: error.message };
    return manageView(db, ctx, eventId, { inviteForm: { errors, values: form } }, error.status);
  };

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
      url: '/gestion/evenements/:id/invitations/apercu',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, form, ctx }) => {
        const input = invitationFromForm(form);
        const plan = await planInvitations(db, params.id, input, settings);
        if (plan.ok) return view(<InvitationPreviewPage ctx={ctx} plan={plan.value} emails={input.emails} />);
        return invitationRefused(ctx, params.id, form, plan.error);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/invitations',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const result = await db.transaction((tx) =>
          inviteSegment(tx, params.id, invitationFromForm(form), actor.personId, settings),
        );
        jobs.poke();
        if (result.ok)
          return redirect(
            `/gestion/evenements/${params.id}#invitations`,
            result.value.invited ? notices.event_invited : notices.event_nobody_invited,
          );
        return invitationRefused(ctx, params.id, form, result.error);
      },
    }),
  ];
}
