// « Mon espace »: every signed-in person sees their profile (and corrects their names and civility),
// organisation and mandates; a referent also adds the people of their organisation.
import { audit } from '../../platform/db/audit.ts';
import { definePage, redirect, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import type { Site } from '../module.ts';
import { updatePerson } from './edit-person.ts';
import { personChangesFromForm, personFromForm } from './organisations.forms.ts';
import { organisationsMessages as m, organisationsNotices as notices } from './organisations.messages.ts';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import { mySpace } from './organisations.queries.ts';
import { createPerson, findPersonByEmail } from './people.ts';
import { MySpacePage } from './views/my-space.tsx';

export function mySpacePages({ db }: Services, site: Site) {
  return [
    definePage({
      method: 'GET',
      url: '/mon-espace',
      access: 'signedIn',
      handler: async ({ actor, ctx, notice }) =>
        view(
          <MySpacePage
            ctx={ctx}
            {...(await mySpace(db, actor))}
            nextSteps={await site.forPerson(db, actor, new Date())}
            notice={notice}
          />,
        ),
    }),
    definePage({
      method: 'POST',
      url: '/mon-espace/profil',
      access: 'signedIn',
      handler: async ({ actor, form, ctx }) => {
        // One's own form changes names and civility only: the address and the kind are staff's.
        const input = personChangesFromForm(form, { staff: false });
        const result = await db.transaction((tx) => updatePerson(tx, actor.personId, input, actor.personId));
        if (result.ok) return redirect('/mon-espace', notices.profile_updated);
        return view(
          <MySpacePage
            ctx={ctx}
            {...(await mySpace(db, actor))}
            profileErrors={result.error.fields ?? { _: result.error.message }}
            profileValues={form}
          />,
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/mon-espace/personnes',
      access: policy.addColleagues,
      refusal: m.onlyReferentsAddPeople().text,
      handler: async ({ actor, form, ctx }) => {
        // The form of « Mon espace » offers no role, whoever fills it: roles are granted on the staff pages.
        const input = personFromForm(form, actor.organisationId, { grantsRoles: false });
        const result = await db.transaction((tx) => createPerson(tx, input, actor.personId));
        if (result.ok) return redirect('/mon-espace#collegues', notices.person_created);
        // An address already used by someone of another organisation: the referent must not learn who has an
        // account where. The answer is the one a new address would not get, but says nothing of the other
        // organisation; staff see the request in the audit trail and attach the person if it is right.
        if (result.error.code === 'conflict') {
          const existing = await findPersonByEmail(db, form.email ?? '');
          if (existing && existing.organisationId !== actor.organisationId) {
            await audit(db, {
              actorId: actor.personId,
              action: 'attach_request',
              entity: 'person',
              entityId: existing.id,
              data: { organisationId: actor.organisationId },
            });
            return redirect('/mon-espace#collegues', notices.person_attach_requested);
          }
        }
        return view(
          <MySpacePage
            ctx={ctx}
            {...(await mySpace(db, actor))}
            errors={result.error.fields ?? { email: result.error.message }}
            values={form}
          />,
          result.error.status,
        );
      },
    }),
  ];
}
