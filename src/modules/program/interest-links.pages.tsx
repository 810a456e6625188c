// Public pages of the links mailed about an expression of interest (double opt-in, issue 11, finding 12):
// confirm the address, or withdraw it. The token is the signature of the expression's id (interest.ts);
// the GET shows what it is about, the POST (with its CSRF token) acts.
import { z } from 'zod';
import { definePage, notFound, redirect, view } from '../../platform/http/pages.tsx';
import { secretsKey } from '../../platform/secrets.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { confirmInterest, type InterestLink, interestOfLink, withdrawInterest } from './interest.ts';
import { programMessages as m, programNotices as notices } from './program.messages.ts';
import { InterestLinkPage } from './views/interest-link.tsx';

// Anonymous forms that write: a client may send them a few times, not thousands.
const linkLimit = { max: 20, timeWindow: '15 minutes' };
const token = z.string().max(100).catch('');

export function interestLinkPages({ db, config }: Services) {
  const key = () => secretsKey(config);
  const gone = () => notFound(m.interestGone().text, 'Lien expiré');

  const pages = (link: InterestLink, path: string) => [
    definePage({
      method: 'GET',
      url: `/parcours/interet/:id/${path}`,
      access: 'public',
      params: z.object({ id: uuid }),
      query: z.object({ jeton: token.optional() }),
      handler: async ({ params, query, ctx }) => {
        const found = await interestOfLink(db, key(), params.id, query.jeton ?? '', link);
        if (!found) return gone();
        return view(<InterestLinkPage ctx={ctx} link={link} token={query.jeton ?? ''} {...found} />);
      },
    }),
    definePage({
      method: 'POST',
      url: `/parcours/interet/:id/${path}`,
      access: 'public',
      params: z.object({ id: uuid }),
      rateLimit: linkLimit,
      handler: async ({ params, form }) => {
        const found = await interestOfLink(db, key(), params.id, form.jeton ?? '', link);
        if (!found) return gone();
        const programUrl = `/parcours/${found.program.id}#participer`;
        if (link === 'confirm') {
          const result = await db.transaction((tx) => confirmInterest(tx, params.id));
          return result.ok ? redirect(programUrl, notices.interest_confirmed) : gone();
        }
        const result = await db.transaction((tx) => withdrawInterest(tx, params.id));
        return result.ok ? redirect(programUrl, notices.interest_withdrawn) : gone();
      },
    }),
  ];

  return [...pages('confirm', 'confirmer'), ...pages('withdraw', 'retirer')];
}
