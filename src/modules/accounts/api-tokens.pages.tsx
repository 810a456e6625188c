// Staff's page of API tokens: every token with its last use and expiry, revocation, creation for a person.
import { z } from 'zod';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, redirect, refusal, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { findPersonByEmail } from '../organisations/people.ts';
import { accountsMessages as m, accountsNotices as notices } from './accounts.messages.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { ApiTokensPage } from './views/api-tokens.tsx';

export function apiTokenPages({ db }: Services) {
  return [
    definePage({
      method: 'GET',
      url: '/gestion/jetons',
      access: staffOnly,
      handler: async ({ ctx, notice }) =>
        view(<ApiTokensPage ctx={ctx} tokens={await listApiTokens(db)} notice={notice} />),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/jetons',
      access: staffOnly,
      handler: async ({ ctx, form, actor }) => {
        const errors: Record<string, string> = {};
        const label = (form.label ?? '').trim().slice(0, 200);
        const email = (form.email ?? '').trim();
        const daysText = (form.days ?? '').trim();
        const days = daysText ? Number(daysText) : undefined;
        if (!label) errors.label = m.tokenLabelRequired().text;
        if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 730))
          errors.days = m.tokenDaysInvalid().text;
        const person = email ? await findPersonByEmail(db, email) : undefined;
        if (!person || person.disabledAt) errors.email = m.tokenPersonUnknown({ email }).text;
        if (Object.keys(errors).length || !person) {
          return view(
            <ApiTokensPage ctx={ctx} tokens={await listApiTokens(db)} errors={errors} values={form} />,
            400,
          );
        }
        const { token } = await db.transaction((tx) =>
          createApiToken(tx, person.id, { label, days }, actor.personId),
        );
        return view(
          <ApiTokensPage
            ctx={ctx}
            tokens={await listApiTokens(db)}
            created={{ token, label, email: person.email }}
          />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/jetons/:id/revocation',
      access: staffOnly,
      params: z.object({ id: uuid }),
      handler: async ({ params, actor }) => {
        const result = await db.transaction((tx) => revokeApiToken(tx, params.id, actor.personId));
        if (!result.ok) return refusal(result.error, 'Jeton introuvable');
        return redirect('/gestion/jetons', notices.token_revoked);
      },
    }),
  ];
}
