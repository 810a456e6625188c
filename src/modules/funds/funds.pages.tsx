// The funds' pages for everyone and for contributors: « Fonds de solidarité », a fund's transparency page, a
// receipt's PDF, « Mon espace » → « Fonds » with the referent's choices (named or not, who holds the vote).
import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import {
  definePage,
  message,
  notFound,
  type PageOutcome,
  redirect,
  view,
} from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { listPeopleOfOrganisation } from '../organisations/people.ts';
import { setContributorChoices } from './contributions.ts';
import { fundsMessages as fm, fundsNotices } from './funds.messages.ts';
import { fundsPolicy as policy } from './funds.policy.ts';
import { getFund } from './funds.ts';
import { publicMessages as m } from './public.messages.ts';
import { contributorOf, fundPage, myFunds, publicFunds, receiptDocument } from './queries.ts';
import { receiptPdf } from './receipt-pdf.ts';
import { type ChoiceError, FundPage, FundsPage, MyFundsPage } from './views/funds.tsx';

const idParams = z.object({ id: uuid });
const fundParams = z.object({ fundId: uuid });
const receiptParams = z.object({ groupId: uuid });

/** The referent of an organisation (staff have none: they choose from the staff's pages). */
const referentOf = (actor: Actor) =>
  Boolean(actor.organisationId) && policy.chooseFor(actor, actor.organisationId!);

export function fundsPages({ db }: Services) {
  const myFundsView = async (
    ctx: PageContext,
    actor: Actor,
    extra: { notice?: string | undefined; error?: ChoiceError } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const organisationId = actor.organisationId;
    if (!organisationId)
      return view(
        <MyFundsPage ctx={ctx} rows={[]} people={[]} canChoose={false} empty={m.noOrganisation().text} />,
      );
    const [rows, people] = await Promise.all([
      myFunds(db, organisationId),
      listPeopleOfOrganisation(db, organisationId),
    ]);
    return view(
      <MyFundsPage
        ctx={ctx}
        rows={rows}
        people={people.filter((p) => !p.disabledAt)}
        canChoose={referentOf(actor)}
        {...extra}
      />,
      status,
    );
  };

  return [
    definePage({
      method: 'GET',
      url: '/fonds',
      access: 'public',
      cache: ['funds'],
      handler: async ({ ctx }) => view(<FundsPage ctx={ctx} rows={await publicFunds(db)} />),
    }),
    definePage({
      method: 'GET',
      url: '/fonds/:id',
      access: 'public',
      params: idParams,
      // The contributors' names are the organisations' own.
      cache: ['funds', 'organisations'],
      handler: async ({ actor, params, ctx, notice }) => {
        const fund = await getFund(db, params.id);
        if (!fund) return notFound(fm.fundNotFound().text);
        return view(<FundPage ctx={ctx} data={await fundPage(db, fund, actor)} notice={notice} />);
      },
    }),
    definePage({
      method: 'GET',
      url: '/fonds/recus/:groupId.pdf',
      access: 'signedIn',
      params: receiptParams,
      handler: async ({ actor, params, reply }) => {
        const document = await receiptDocument(db, params.groupId);
        if (!document) return notFound(fm.receiptNotFound().text);
        if (!policy.seeContributionsOf(actor, document.receipt.organisationId))
          return message(403, 'Reçu réservé', m.receiptRefused().text);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="recu-${document.receipt.number}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(await receiptPdf(document));
      },
    }),
    definePage({
      method: 'GET',
      url: '/mon-espace/fonds',
      access: 'signedIn',
      handler: async ({ actor, ctx, notice }) => myFundsView(ctx, actor, { notice }),
    }),
    definePage({
      method: 'POST',
      url: '/mon-espace/fonds/:fundId',
      access: referentOf,
      refusal: m.referentOnly().text,
      params: fundParams,
      handler: async ({ actor, params, form, ctx }) => {
        const organisationId = actor.organisationId!;
        const fund = await getFund(db, params.fundId);
        if (!fund) return notFound(fm.fundNotFound().text);
        if (!(await contributorOf(db, fund.id, organisationId)))
          return message(403, 'Accès réservé', fm.notContributor().text);
        const again = (text: string, status: number) =>
          myFundsView(ctx, actor, { error: { fundId: fund.id, message: text } }, status);
        if (form.named !== 'oui' && form.named !== 'non') return again(m.namedExpected().text, 400);
        const result = await db.transaction((tx) =>
          setContributorChoices(
            tx,
            fund.id,
            organisationId,
            { named: form.named === 'oui', voterId: form.voterId || null },
            actor.personId,
          ),
        );
        if (!result.ok)
          return again(result.error.fields?.voterId ?? result.error.message, result.error.status);
        return redirect(`/mon-espace/fonds#fonds-${fund.id}`, fundsNotices.contributor_saved);
      },
    }),
  ];
}
