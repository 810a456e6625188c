// Staff pages of an event's life: changing it (a change that mails people is confirmed first, with how
// many), cancelling it (who is mailed and what, then the mails), copying it for the next session, and
// acting on someone's registration (cancelling it for them, confirming them from the waiting list,
// changing how they attend, registering someone who has no account).
import {
  definePage,
  message,
  notFound,
  type PageOutcome,
  redirect,
  view,
} from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { parisDateTimeLocal } from '../../platform/time.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { cancelEvent } from './cancel-event.ts';
import { cancelRegistration } from './cancel-registration.ts';
import { changeEvent, previewChange } from './change-event.ts';
import { checkEventLinks, eventLinkFields, eventLinksFromBody, linkedIds } from './event-links.ts';
import { cancellationParagraphs, cancellationSubject } from './event-notice-mails.ts';
import { eventFormErrors, eventFromForm, idParams, registrationParams } from './events.forms.ts';
import { eventsMessages as m, eventsNotices as notices } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { cancelEventPage, changeRecipientsCount, registrationActionPage } from './events.queries.ts';
import { type Event, eventDetails, getEvent, listSeries } from './events.ts';
import { changeRegistrationMode, promoteRegistration } from './manage-registration.ts';
import { noticePreview, notificationSettings } from './notifications.ts';
import { registerNewPerson } from './register-person.ts';
import { eventGone, manageView } from './staff-events.pages.tsx';
import {
  CancelEventPage,
  CancelRegistrationPage,
  PromoteRegistrationPage,
} from './views/event-lifecycle.tsx';
import type { Values } from './views/parts.tsx';
import { type EventFormMode, NewEventPage } from './views/staff-events.tsx';

type Form = Record<string, string | undefined>;

/**
 * The event's fields as the form shows them; a copy leaves the dates out (the next session has its own) and
 * takes the next session number.
 */
function formValuesOf(event: Event, seriesTitle: string | null, withDates: boolean): Values {
  const local = (at: Date | null) => (at && withDates ? parisDateTimeLocal(at) : '');
  return {
    title: event.title,
    theme: event.theme ?? '',
    kind: event.kind,
    format: event.format,
    audience: event.audience,
    startsAt: local(event.startsAt),
    endsAt: local(event.endsAt),
    provisional: withDates && event.provisional ? 'on' : undefined,
    capacity: event.capacity === null ? '' : String(event.capacity),
    registrationOpensAt: local(event.registrationOpensAt),
    registrationClosesAt: local(event.registrationClosesAt),
    venue: event.venue ?? '',
    onlineUrl: event.onlineUrl ?? '',
    description: event.description ?? '',
    series: seriesTitle ?? '',
    season: event.season === null ? '' : String(event.season),
    // The copy is the season's next session, with a guest of its own.
    sessionNumber:
      event.sessionNumber === null ? '' : String(withDates ? event.sessionNumber : event.sessionNumber + 1),
    guest: withDates ? (event.guest ?? '') : '',
  };
}

const changeMode = (event: Event): EventFormMode => ({
  heading: `Modifier « ${event.title} »`,
  action: `/gestion/evenements/${event.id}/modification`,
  submit: 'Enregistrer les modifications',
  notDone: 'L’événement n’a pas été modifié',
  back: { href: `/gestion/evenements/${event.id}`, label: event.title },
  intro:
    'Un changement de date, d’horaire, de lieu, de format ou de lien est annoncé par courriel aux personnes inscrites et en attente : la page vous dit combien avant d’enregistrer.',
});

const copyMode = (event: Event): EventFormMode => ({
  heading: 'Créer la séance suivante',
  action: '/gestion/evenements',
  submit: 'Créer l’événement',
  notDone: 'L’événement n’a pas été créé',
  back: { href: `/gestion/evenements/${event.id}`, label: event.title },
  intro: `Copie de « ${event.title} » : sa série, son titre, sa description, son lieu, son public et ses places. Indiquez les dates de la nouvelle séance.`,
});

/** The form's typed fields as a change: a date left empty clears it (an omitted one would keep it). */
function changeFromForm(form: Form, event: Event) {
  const input = eventFromForm(form);
  if (!input.ok) return input;
  const value = { ...input.value };
  for (const name of ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const) {
    const current = event[name];
    // The form shows dates to the minute: one sent back as shown is not a change (an event made through the
    // API may have seconds, and a title's typo must not announce a new time to everyone registered).
    if (current && form[name] === parisDateTimeLocal(current)) delete value[name];
    else if (name === 'registrationOpensAt' || name === 'registrationClosesAt') value[name] ??= null;
  }
  return { ok: true as const, value };
}

/** What the confirmation of a change stands for: the same news to the same number of people. */
const confirmationToken = (news: string[], count: number) => `${[...news].sort().join(',')}:${count}`;

export function eventLifecyclePages({ db, config, jobs }: Services) {
  const settings = notificationSettings(config);

  /** The change form again: refused (its errors) or to confirm (how many people will be told). */
  async function changeView(
    ctx: PageContext,
    eventId: string,
    form: Form,
    links: Record<string, string[]>,
    extra: { errors?: Record<string, string>; error?: string; confirm?: { message: string; token: string } },
    status: number,
  ): Promise<PageOutcome> {
    const details = await eventDetails(db, eventId);
    if (!details) return eventGone();
    return view(
      <NewEventPage
        ctx={ctx}
        series={await listSeries(db)}
        mode={changeMode(details.event)}
        links={await eventLinkFields(db, links)}
        values={form}
        {...extra}
      />,
      status,
    );
  }

  /** The cancellation page, with what was typed and why it was refused. */
  async function cancelView(
    ctx: PageContext,
    eventId: string,
    form?: { values: Form; errors?: Record<string, string> },
    status = 200,
  ) {
    const data = await cancelEventPage(db, eventId);
    if (!data) return eventGone();
    const { event, recipients } = data;
    if (event.cancelledAt)
      return message(409, 'Déjà annulé', m.alreadyCancelled({ since: event.cancelledAt }).text);
    if (event.endsAt <= new Date()) return message(422, 'Événement terminé', m.eventOver().text);
    const reason = form?.values.reason?.trim() || '[le motif que vous indiquez ci-dessous]';
    const mail = {
      subject: cancellationSubject(event),
      paragraphs: cancellationParagraphs(event, true, reason),
    };
    return view(
      <CancelEventPage ctx={ctx} event={event} recipients={recipients} mail={mail} form={form} />,
      status,
    );
  }

  /** A confirmation page of an action on a registration of the event in the address (404 otherwise). */
  async function registrationView(
    ctx: PageContext,
    params: { id: string; registrationId: string },
    action: 'cancel' | 'promote',
    error?: { status: number; message: string },
  ): Promise<PageOutcome> {
    const data = await registrationActionPage(db, params.id, params.registrationId);
    if (!data) return notFound(m.registrationGone().text);
    const { event, registration, person } = data;
    const name = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;
    if (registration.status === 'cancelled')
      return message(409, 'Inscription annulée', m.registrationAlreadyCancelled().text);
    if (action === 'promote') {
      if (registration.status !== 'waitlisted')
        return message(409, 'Pas sur la liste d’attente', m.notWaitlisted().text);
      return view(
        <PromoteRegistrationPage
          ctx={ctx}
          {...data}
          error={error?.message}
          mails={[{ to: name(person), mail: noticePreview('promoted', event) }]}
        />,
        error?.status ?? 200,
      );
    }
    // Nothing to confirm once the event has started: the cancellation would be refused.
    if (event.startsAt <= new Date()) return message(422, 'Événement commencé', m.eventStarted().text);
    const mails = [
      { to: name(person), mail: noticePreview('cancelled', event) },
      ...data.next.map((p) => ({ to: name(p), mail: noticePreview('promoted', event) })),
    ];
    return view(
      <CancelRegistrationPage ctx={ctx} {...data} error={error?.message} mails={mails} />,
      error?.status ?? 200,
    );
  }

  return [
    // ——— Changing an event ———
    definePage({
      method: 'GET',
      url: '/gestion/evenements/:id/modification',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const details = await eventDetails(db, params.id);
        if (!details) return eventGone();
        if (details.event.cancelledAt) return message(422, 'Événement annulé', m.cancelledNoChange().text);
        return view(
          <NewEventPage
            ctx={ctx}
            series={await listSeries(db)}
            mode={changeMode(details.event)}
            links={await eventLinkFields(db, await linkedIds(db, details.event.id))}
            values={formValuesOf(details.event, details.seriesTitle, true)}
          />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/modification',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx, request }) => {
        const event = await getEvent(db, params.id);
        if (!event) return eventGone();
        const input = changeFromForm(form, event);
        // The boxes other modules add (a group's meeting): checked with the rest, written once it is saved.
        const links = eventLinksFromBody(request.body);
        const refused = (failure: {
          status: number;
          message: string;
          fields?: Record<string, string> | undefined;
        }) => {
          if (failure.status === 404) return eventGone();
          return changeView(
            ctx,
            params.id,
            form,
            links,
            failure.fields ? { errors: eventFormErrors(failure.fields) } : { error: failure.message },
            failure.status,
          );
        };
        if (!input.ok) return refused(input.error);
        const linking = await checkEventLinks(db, links);
        if (!linking.ok) return refused(linking.error);
        const relink = () => db.transaction((tx) => linking.value(tx, params.id, actor.personId));
        const preview = await previewChange(db, params.id, input.value);
        if (!preview.ok) return refused(preview.error);
        if (preview.value.changed.length === 0)
          return redirect(
            `/gestion/evenements/${params.id}`,
            (await relink()) ? notices.event_changed : notices.event_unchanged,
          );
        const count = preview.value.news.length
          ? await changeRecipientsCount(db, params.id, preview.value.news)
          : 0;
        const token = confirmationToken(preview.value.news, count);
        if (count > 0 && form.confirm !== token) {
          return changeView(
            ctx,
            params.id,
            form,
            links,
            { confirm: { message: m.confirmChange({ count }).text, token } },
            200,
          );
        }
        const result = await changeEvent(db, params.id, input.value, actor.personId, { settings });
        jobs.poke();
        if (!result.ok) return refused(result.error);
        await relink();
        return redirect(
          `/gestion/evenements/${params.id}`,
          count > 0 ? notices.event_changed_announced : notices.event_changed,
        );
      },
    }),

    // ——— Cancelling an event ———
    definePage({
      method: 'GET',
      url: '/gestion/evenements/:id/annulation',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => cancelView(ctx, params.id),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/annulation',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const result = await cancelEvent(db, params.id, { reason: form.reason ?? '' }, actor.personId);
        jobs.poke();
        if (result.ok) return redirect(`/gestion/evenements/${params.id}`, notices.event_cancelled);
        const { status, message: refusal } = result.error;
        if (status === 404) return eventGone();
        if (status === 400)
          return cancelView(
            ctx,
            params.id,
            { values: form, errors: { reason: m.reasonRequired().text } },
            400,
          );
        return message(status, 'L’événement n’a pas été annulé', refusal);
      },
    }),

    // ——— Copying an event for its next session ———
    definePage({
      method: 'GET',
      url: '/gestion/evenements/:id/copie',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const details = await eventDetails(db, params.id);
        if (!details) return eventGone();
        return view(
          <NewEventPage
            ctx={ctx}
            series={await listSeries(db)}
            mode={copyMode(details.event)}
            links={await eventLinkFields(db, await linkedIds(db, details.event.id))}
            values={formValuesOf(details.event, details.seriesTitle, false)}
          />,
        );
      },
    }),

    // ——— Someone's registration, acted on by staff ———
    definePage({
      method: 'GET',
      url: '/gestion/evenements/:id/inscriptions/:registrationId/annulation',
      access: policy.manage,
      params: registrationParams,
      handler: async ({ params, ctx }) => registrationView(ctx, params, 'cancel'),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/inscriptions/:registrationId/annulation',
      access: policy.manage,
      params: registrationParams,
      handler: async ({ actor, params, ctx }) => {
        const data = await registrationActionPage(db, params.id, params.registrationId);
        if (!data) return notFound(m.registrationGone().text);
        const result = await cancelRegistration(db, params.registrationId, actor.personId, { settings });
        jobs.poke();
        if (result.ok)
          return redirect(
            `/gestion/evenements/${params.id}#inscriptions`,
            notices.registration_cancelled_by_staff,
          );
        if (result.error.status === 404) return notFound(m.registrationGone().text);
        return registrationView(ctx, params, 'cancel', result.error);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/evenements/:id/inscriptions/:registrationId/confirmation',
      access: policy.manage,
      params: registrationParams,
      handler: async ({ params, ctx }) => registrationView(ctx, params, 'promote'),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/inscriptions/:registrationId/confirmation',
      access: policy.manage,
      params: registrationParams,
      handler: async ({ actor, params, form, ctx }) => {
        const result = await promoteRegistration(db, params.registrationId, actor.personId, {
          settings,
          overCapacity: form.overCapacity === 'on',
          eventId: params.id,
        });
        jobs.poke();
        if (result.ok)
          return redirect(`/gestion/evenements/${params.id}#inscriptions`, notices.registration_promoted);
        if (result.error.status === 404) return notFound(m.registrationGone().text);
        return registrationView(ctx, params, 'promote', result.error);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/inscriptions/:registrationId/participation',
      access: policy.manage,
      params: registrationParams,
      handler: async ({ actor, params, form }) => {
        const mode = form.mode === 'online' || form.mode === 'in_person' ? form.mode : undefined;
        const result = await changeRegistrationMode(db, params.registrationId, mode, actor.personId, {
          eventId: params.id,
        });
        if (result.ok)
          return redirect(`/gestion/evenements/${params.id}#inscriptions`, notices.registration_mode_changed);
        if (result.error.status === 404) return notFound(m.registrationGone().text);
        return message(result.error.status, 'La participation n’a pas changé', result.error.message);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/evenements/:id/inscriptions/sans-compte',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const mode = form.mode === 'online' || form.mode === 'in_person' ? form.mode : undefined;
        const result = await registerNewPerson(
          db,
          {
            eventId: params.id,
            firstName: form.firstName ?? '',
            lastName: form.lastName ?? '',
            email: form.email ?? '',
            kind: form.personKind ?? '',
            organisation: form.organisation ?? '',
            mode,
          },
          actor.personId,
          { settings },
        );
        jobs.poke();
        if (result.ok) {
          const { registration, created } = result.value;
          const waiting = registration.status !== 'confirmed';
          const notice = created
            ? waiting
              ? notices.person_created_and_waitlisted
              : notices.person_created_and_registered
            : !waiting
              ? notices.event_person_registered
              : notices.event_person_waitlisted;
          return redirect(`/gestion/evenements/${params.id}#inscriptions`, notice);
        }
        const { fields, message: refusal, status } = result.error;
        // The members' module names its fields as its own (kind, organisationId): the form's are these.
        const errors: Record<string, string> = {};
        for (const [key, text] of Object.entries(fields ?? {})) {
          const target = key === 'kind' ? 'personKind' : key === 'organisationId' ? 'organisation' : key;
          errors[target] = text;
        }
        if (!fields) errors._ = refusal;
        return manageView(db, ctx, params.id, { newPersonForm: { errors, values: form } }, status);
      },
    }),
  ];
}
