// A person's data: their copy from « Mon espace », staff's copy and erasure on request.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, message, notFound, redirect, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { organisationsMessages as m, organisationsNotices as notices } from './organisations.messages.ts';
import { getPerson } from './people.ts';
import { erasePerson, exportPersonalData } from './personal-data.ts';
import { ErasePersonPage, PersonalDataPage } from './views/personal-data.tsx';

const idParams = z.object({ id: uuid });

export function personalDataPages({ db }: Services) {
  const json = (reply: FastifyReply, data: unknown) =>
    reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="mes-donnees.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  return [
    definePage({
      method: 'GET',
      url: '/mon-espace/donnees',
      access: 'signedIn',
      handler: async ({ actor, ctx }) => {
        const data = await exportPersonalData(db, actor.personId);
        if (!data) return notFound();
        return view(<PersonalDataPage ctx={ctx} data={data} download="/mon-espace/donnees.json" />);
      },
    }),
    definePage({
      method: 'GET',
      url: '/mon-espace/donnees.json',
      access: 'signedIn',
      handler: async ({ actor, reply }) => {
        const data = await exportPersonalData(db, actor.personId);
        return data ? json(reply, data) : notFound();
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/personnes/:id/donnees',
      access: staffOnly,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const data = await exportPersonalData(db, params.id);
        if (!data) return notFound(m.personNotFound().text);
        return view(
          <PersonalDataPage
            ctx={ctx}
            data={data}
            download={`/gestion/personnes/${params.id}/donnees.json`}
            erase={`/gestion/personnes/${params.id}/effacement`}
          />,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/personnes/:id/donnees.json',
      access: staffOnly,
      params: idParams,
      handler: async ({ params, reply }) => {
        const data = await exportPersonalData(db, params.id);
        return data ? json(reply, data) : notFound(m.personNotFound().text);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/personnes/:id/effacement',
      access: staffOnly,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const person = await getPerson(db, params.id);
        if (!person) return notFound(m.personNotFound().text);
        return view(
          <ErasePersonPage ctx={ctx} personId={person.id} name={`${person.firstName} ${person.lastName}`} />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/personnes/:id/effacement',
      access: staffOnly,
      params: idParams,
      handler: async ({ params, ctx, form, actor }) => {
        const person = await getPerson(db, params.id);
        if (!person) return notFound(m.personNotFound().text);
        const name = `${person.firstName} ${person.lastName}`;
        if (form.confirm !== 'oui') {
          return view(
            <ErasePersonPage ctx={ctx} personId={person.id} name={name} error={m.confirmErasure().text} />,
            400,
          );
        }
        const result = await db.transaction((tx) => erasePerson(tx, person.id, actor.personId));
        if (!result.ok) return message(result.error.status, 'Effacement refusé', result.error.message);
        return redirect(`/gestion/personnes/${person.id}`, notices.person_erased);
      },
    }),
  ];
}
