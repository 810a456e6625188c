// A fund's staff pages for its donors committee (members, who votes, who is named, the meetings and their
// decisions), its projects (with their payments) and its reports (written, published, withdrawn, several at
// once after a confirmation). Every refusal — a closed fund, more than the fund has, more than a project is
// owed — re-shows its form with the French sentence and a 4xx, having written nothing.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { countryCodes, countryName } from '../../platform/countries.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { parseEuros } from '../../platform/money.ts';
import { type Failure, fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { parisDate } from '../../platform/time.ts';
import { fieldErrors, uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { getEventsByIds } from '../events/events.ts';
import { listPeopleOfOrganisation } from '../organisations/people.ts';
import { committeeMessages as cm, committeeNotices as cn } from './committee.messages.ts';
import { contributorsOf, setContributorChoices } from './contributions.ts';
import { fundsMessages as m, fundsNotices as notices } from './funds.messages.ts';
import { fundsPolicy as policy } from './funds.policy.ts';
import { type Fund, getFund } from './funds.ts';
import { balancesOf } from './ledger.ts';
import { committeeAudience, fundEventLinks, meetingIdsOf } from './meetings.ts';
import {
  decisionInput,
  decisionsOf,
  disburse,
  disbursementInput,
  getAllocation,
  projectsOf,
  quorumOf,
  recordDecision,
} from './projects.ts';
import {
  addReport,
  deleteReport,
  type FundReport,
  getReport,
  publishReport,
  reportsOf,
  updateReport,
} from './reports.ts';
import { CommitteePage, DecisionPage, type MemberRow, type Quorum } from './views/committee.tsx';
import { ProjectsPage } from './views/committee-projects.tsx';
import { type BulkAction, BulkPreviewPage, ReportFormPage, ReportsPage } from './views/committee-reports.tsx';
import { type Errors, type FormState, fundPaths } from './views/fund-nav.tsx';

const idParams = z.object({ id: uuid });
const memberParams = z.object({ id: uuid, organisationId: uuid });
const projectParams = z.object({ id: uuid, allocationId: uuid });
const reportParams = z.object({ id: uuid, reportId: uuid });
/** `?reunion=` preselects a meeting in the decision's form; anything else is ignored. */
const decisionQuery = z.object({ reunion: uuid.optional().catch(undefined) });

/** The quorum as the pages say it (the rule is `quorumOf`, the one `recordDecision` applies). */
const quorumOfFund = (fund: Fund, voters: number): Quorum => ({
  percent: fund.quorumPercent,
  voters,
  quorum: quorumOf(fund, voters),
});

const votes = ['votesFor', 'votesAgainst', 'abstentions'] as const;

/** A count typed in a form: a whole number, or the text as typed (which the domain's schema refuses). */
const count = (text: string | undefined) => (/^\d{1,9}$/.test(text?.trim() ?? '') ? Number(text) : text);

/**
 * A refusal's errors under the form's fields: the domain's names renamed, and the French sentence for the
 * fields whose schema may speak the library's English (votes out of range, a tampered hidden key).
 */
function errorsOf(error: Failure, field = '_'): Errors {
  if (!error.fields) return { [field]: error.message };
  const errors: Errors = {};
  for (const [key, text] of Object.entries(error.fields)) {
    const name = key === 'amountCents' ? 'amount' : key;
    errors[name] =
      error.code !== 'invalid'
        ? text
        : (votes as readonly string[]).includes(key)
          ? m.votesExpected().text
          : key === 'idempotencyKey'
            ? cm.formExpired().text
            : text;
  }
  return errors;
}

/** The errors of the domain's schema on the other fields, when the amount typed is already no amount. */
const schemaErrors = (error: z.ZodError) =>
  errorsOf(fail(400, 'invalid', m.invalid(), fieldErrors(error)).error);

const pick = <K extends string>(form: Record<string, string | undefined>, names: readonly K[]) =>
  Object.fromEntries(names.map((n) => [n, form[n] ?? ''])) as Record<K, string>;

const decisionFields = [
  'eventId',
  'decidedOn',
  'beneficiary',
  'purpose',
  'amount',
  'country',
  ...votes,
  'idempotencyKey',
] as const;
const paymentFields = ['amount', 'paidOn', 'reference', 'idempotencyKey'] as const;
const reportFields = ['kind', 'title', 'reportedOn', 'allocationId', 'body'] as const;

/** A bulk change refused part-way: thrown to roll back what it had done, caught to say why. */
class BulkRefused extends Error {}

/** The ids of the ticked reports (a repeated field). */
function tickedIds(body: unknown): string[] {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).reportIds : undefined;
  return [
    ...new Set([raw].flat().filter((v): v is string => typeof v === 'string' && uuid.safeParse(v).success)),
  ];
}

const countries: [string, string][] = countryCodes
  .map((code): [string, string] => [code, countryName(code)])
  .sort((a, b) => a[1].localeCompare(b[1], 'fr'));

export function committeePages({ db }: Services) {
  /** The fund of the address, or the page saying it does not exist. */
  const withFund = async (id: string, then: (fund: Fund) => Promise<PageOutcome>) => {
    const fund = await getFund(db, id);
    return fund ? then(fund) : notFound(m.fundNotFound().text);
  };

  const committeeView = async (
    ctx: PageContext,
    fund: Fund,
    extra: { notice?: string | undefined; refused?: { organisationId: string } & MemberRow['form'] } = {},
    status = 200,
  ) => {
    const [contributors, meetingIds, decisions, [choice]] = await Promise.all([
      contributorsOf(db, fund.id),
      meetingIdsOf(db, fund.id),
      decisionsOf(db, fund.id),
      fundEventLinks.choices(db, [fund.id]).then((all) => all.filter((c) => c.id === fund.id)),
    ]);
    const members = await Promise.all(
      contributors.map(async (contributor): Promise<MemberRow> => {
        const people = await listPeopleOfOrganisation(db, contributor.organisation.id);
        const refused =
          extra.refused?.organisationId === contributor.organisation.id ? extra.refused : undefined;
        return {
          contributor,
          // A person who left stays shown while they still hold the vote, so that the choice reads true.
          people: people
            .filter((p) => !p.disabledAt || p.id === contributor.voterId)
            .map((p) => [p.id, `${p.firstName} ${p.lastName}`]),
          form: refused ? { values: refused.values, error: refused.error } : undefined,
        };
      }),
    );
    const events = await getEventsByIds(db, meetingIds);
    const shown = new Set(events.map((e) => e.id));
    return view(
      <CommitteePage
        ctx={ctx}
        fund={fund}
        quorum={quorumOfFund(fund, contributors.length)}
        members={members}
        meetings={events.map((event) => ({
          event,
          decisions: decisions.filter((d) => d.eventId === event.id),
        }))}
        otherDecisions={decisions.filter((d) => !d.eventId || !shown.has(d.eventId))}
        howToMeet={{
          audience: committeeAudience.label,
          legend: fundEventLinks.legend,
          choice: choice?.label ?? fund.name,
        }}
        notice={extra.notice}
      />,
      status,
    );
  };

  const decisionView = async (ctx: PageContext, fund: Fund, form: FormState, status = 200) => {
    const [contributors, balances, meetings] = await Promise.all([
      contributorsOf(db, fund.id),
      balancesOf(db, fund.id),
      meetingIdsOf(db, fund.id).then((ids) => getEventsByIds(db, ids)),
    ]);
    return view(
      <DecisionPage
        ctx={ctx}
        fund={fund}
        quorum={quorumOfFund(fund, contributors.length)}
        availableCents={balances.availableCents}
        meetings={meetings
          .filter((e) => !e.cancelledAt)
          .map((e) => [e.id, `${e.title} (${parisDate(e.startsAt)})`])}
        countries={countries}
        form={form}
        idempotencyKey={randomUUID()}
      />,
      status,
    );
  };

  const projectsView = async (
    ctx: PageContext,
    fund: Fund,
    extra: { notice?: string | undefined; payment?: { allocationId: string; form: FormState } } = {},
    status = 200,
  ) => {
    const [projects, decisions, reports] = await Promise.all([
      projectsOf(db, fund.id),
      decisionsOf(db, fund.id),
      reportsOf(db, fund.id, true),
    ]);
    return view(
      <ProjectsPage
        ctx={ctx}
        fund={fund}
        rows={projects.map((project) => ({
          project,
          decision: decisions.find((d) => d.id === project.decisionId),
          reports: reports.filter((r) => r.allocationId === project.id),
        }))}
        payment={extra.payment}
        newKey={randomUUID}
        today={parisDate()}
        notice={extra.notice}
      />,
      status,
    );
  };

  const projectNames = async (fund: Fund) =>
    (await projectsOf(db, fund.id)).map((p): [string, string] => [p.id, `${p.beneficiary} — ${p.purpose}`]);

  const reportsView = async (
    ctx: PageContext,
    fund: Fund,
    extra: { notice?: string | undefined; refused?: { error: string; ticked: Set<string> } } = {},
    status = 200,
  ) =>
    view(
      <ReportsPage
        ctx={ctx}
        fund={fund}
        reports={await reportsOf(db, fund.id, true)}
        projects={new Map(await projectNames(fund))}
        refused={extra.refused}
        notice={extra.notice}
      />,
      status,
    );

  const reportFormView = async (
    ctx: PageContext,
    fund: Fund,
    report: FundReport | undefined,
    form: FormState,
    status = 200,
  ) =>
    view(
      <ReportFormPage
        ctx={ctx}
        fund={fund}
        report={report}
        projects={await projectNames(fund)}
        form={form}
      />,
      status,
    );

  /** Publishes or withdraws one report from the list. */
  const publishOne = (action: BulkAction) =>
    definePage({
      method: 'POST',
      url: `/gestion/fonds/:id/rapports/:reportId/${action}`,
      access: policy.manage,
      params: reportParams,
      handler: async ({ actor, params }) => {
        const published = action === 'publier';
        const result = await db.transaction((tx) =>
          publishReport(tx, params.id, params.reportId, published, actor.personId),
        );
        if (!result.ok) return notFound(result.error.message);
        return redirect(
          `${fundPaths(params.id).reports}#rapport-${params.reportId}`,
          published ? notices.report_published : notices.report_unpublished,
        );
      },
    });

  return [
    definePage({
      method: 'GET',
      url: '/gestion/fonds/:id/comite',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) =>
        withFund(params.id, (fund) => committeeView(ctx, fund, { notice })),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/fonds/:id/comite/:organisationId',
      access: policy.manage,
      params: memberParams,
      handler: async ({ actor, params, form, ctx }) =>
        withFund(params.id, async (fund) => {
          const voterId = form.voterId?.trim() ?? '';
          const values = { voterId, named: form.named === 'oui' };
          // A person's id that is none (a tampered list) is refused in French before the domain's schema.
          const result =
            !voterId || uuid.safeParse(voterId).success
              ? await db.transaction((tx) =>
                  setContributorChoices(
                    tx,
                    fund.id,
                    params.organisationId,
                    { named: values.named, voterId: voterId || null },
                    actor.personId,
                  ),
                )
              : fail(422, 'invalid', m.personNotFound());
          if (result.ok)
            return redirect(`${fundPaths(fund.id).committee}#membres`, notices.contributor_saved);
          if (result.error.status === 404) return notFound(result.error.message);
          return committeeView(
            ctx,
            fund,
            { refused: { organisationId: params.organisationId, values, error: result.error.message } },
            result.error.status,
          );
        }),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/fonds/:id/decisions/nouvelle',
      access: policy.manage,
      params: idParams,
      query: decisionQuery,
      handler: async ({ params, query, ctx }) =>
        withFund(params.id, (fund) =>
          decisionView(ctx, fund, {
            values: {
              eventId: query.reunion ?? '',
              decidedOn: parisDate(),
              country: fund.countries.length === 1 ? fund.countries[0]! : '',
              votesFor: '0',
              votesAgainst: '0',
              abstentions: '0',
            },
            errors: {},
          }),
        ),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/fonds/:id/decisions/nouvelle',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) =>
        withFund(params.id, async (fund) => {
          const values = pick(form, decisionFields);
          const amountCents = parseEuros(values.amount);
          const input = {
            ...values,
            amountCents,
            ...Object.fromEntries(votes.map((v) => [v, count(values[v])])),
          };
          if (!amountCents) {
            // The amount as typed is no amount: the other fields are checked too, all errors said at once.
            const rest = decisionInput.safeParse({ ...input, amountCents: 1 });
            const others = rest.success ? {} : schemaErrors(rest.error);
            return decisionView(
              ctx,
              fund,
              { values, errors: { ...others, amount: m.eurosExpected().text } },
              400,
            );
          }
          const result = await db.transaction((tx) => recordDecision(tx, fund.id, input, actor.personId));
          const paths = fundPaths(fund.id);
          if (result.ok) {
            if (!result.value.created) return redirect(paths.projects, cn.decision_already);
            return result.value.decision.adopted
              ? redirect(`${paths.projects}#projet-${result.value.allocation!.id}`, notices.decision_adopted)
              : redirect(`${paths.committee}#reunions`, notices.decision_rejected);
          }
          if (result.error.status === 404) return notFound(result.error.message);
          const field = result.error.code === 'insufficient_funds' ? 'amount' : '_';
          return decisionView(
            ctx,
            (await getFund(db, fund.id)) ?? fund,
            { values, errors: errorsOf(result.error, field) },
            result.error.status,
          );
        }),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/fonds/:id/projets',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) =>
        withFund(params.id, (fund) => projectsView(ctx, fund, { notice })),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/fonds/:id/projets/:allocationId/paiements',
      access: policy.manage,
      params: projectParams,
      handler: async ({ actor, params, form, ctx }) =>
        withFund(params.id, async (fund) => {
          const allocation = await getAllocation(db, params.allocationId);
          if (allocation?.fundId !== fund.id) return notFound(cm.projectNotOfFund().text);
          const values = pick(form, paymentFields);
          const amountCents = parseEuros(values.amount);
          const input = { ...values, amountCents };
          const refused = (errors: Errors, status: number) =>
            projectsView(
              ctx,
              fund,
              { payment: { allocationId: allocation.id, form: { values, errors } } },
              status,
            );
          if (!amountCents) {
            const rest = disbursementInput.safeParse({ ...input, amountCents: 1 });
            const others = rest.success ? {} : schemaErrors(rest.error);
            return refused({ ...others, amount: m.eurosExpected().text }, 400);
          }
          const result = await db.transaction((tx) => disburse(tx, allocation.id, input, actor.personId));
          if (result.ok)
            return redirect(
              `${fundPaths(fund.id).projects}#projet-${allocation.id}`,
              result.value.created ? notices.disbursement_recorded : cn.payment_already,
            );
          const field = result.error.code === 'beyond_allocation' ? 'amount' : '_';
          return refused(errorsOf(result.error, field), result.error.status);
        }),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/fonds/:id/rapports',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) =>
        withFund(params.id, (fund) => reportsView(ctx, fund, { notice })),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/fonds/:id/rapports/nouveau',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) =>
        withFund(params.id, (fund) =>
          reportFormView(ctx, fund, undefined, {
            values: { kind: 'progress', reportedOn: parisDate() },
            errors: {},
          }),
        ),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/fonds/:id/rapports/nouveau',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) =>
        withFund(params.id, async (fund) => {
          const values = pick(form, reportFields);
          const result = await db.transaction((tx) => addReport(tx, fund.id, values, actor.personId));
          if (result.ok)
            return redirect(`${fundPaths(fund.id).reports}#rapport-${result.value.id}`, notices.report_saved);
          return reportFormView(
            ctx,
            fund,
            undefined,
            { values, errors: errorsOf(result.error) },
            result.error.status,
          );
        }),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/fonds/:id/rapports/:reportId/modifier',
      access: policy.manage,
      params: reportParams,
      handler: async ({ params, ctx }) =>
        withFund(params.id, async (fund) => {
          const report = await getReport(db, fund.id, params.reportId);
          if (!report) return notFound(m.reportNotFound().text);
          return reportFormView(ctx, fund, report, {
            values: {
              kind: report.kind,
              title: report.title,
              reportedOn: report.reportedOn,
              allocationId: report.allocationId ?? '',
              body: report.body,
            },
            errors: {},
          });
        }),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/fonds/:id/rapports/:reportId/modifier',
      access: policy.manage,
      params: reportParams,
      handler: async ({ actor, params, form, ctx }) =>
        withFund(params.id, async (fund) => {
          const report = await getReport(db, fund.id, params.reportId);
          if (!report) return notFound(m.reportNotFound().text);
          const values = pick(form, reportFields);
          const result = await db.transaction((tx) =>
            updateReport(tx, fund.id, report.id, values, actor.personId),
          );
          if (result.ok)
            return redirect(`${fundPaths(fund.id).reports}#rapport-${report.id}`, notices.report_saved);
          return reportFormView(
            ctx,
            fund,
            report,
            { values, errors: errorsOf(result.error) },
            result.error.status,
          );
        }),
    }),
    publishOne('publier'),
    publishOne('retirer'),
    definePage({
      method: 'POST',
      url: '/gestion/fonds/:id/rapports/:reportId/supprimer',
      access: policy.manage,
      params: reportParams,
      handler: async ({ actor, params, ctx }) =>
        withFund(params.id, async (fund) => {
          const result = await db.transaction((tx) =>
            deleteReport(tx, fund.id, params.reportId, actor.personId),
          );
          if (result.ok) return redirect(fundPaths(fund.id).reports, notices.report_deleted);
          if (result.error.status === 404) return notFound(result.error.message);
          return reportsView(
            ctx,
            fund,
            { refused: { error: result.error.message, ticked: new Set() } },
            result.error.status,
          );
        }),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/fonds/:id/rapports/publication',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, request, ctx }) =>
        withFund(params.id, async (fund) => {
          const ids = tickedIds(request.body);
          const action = form.action;
          const refused = (error: string, status: number) =>
            reportsView(ctx, fund, { refused: { error, ticked: new Set(ids) } }, status);
          if (action !== 'publier' && action !== 'retirer') return refused(cm.chooseBulkAction().text, 400);
          if (ids.length === 0) return refused(cm.nothingTicked().text, 400);
          const reports = await reportsOf(db, fund.id, true);
          const chosen = reports.filter((r) => ids.includes(r.id));
          if (chosen.length !== ids.length) return refused(m.reportNotFound().text, 404);
          const publish = action === 'publier';
          const changing = chosen.filter((r) => Boolean(r.publishedAt) !== publish);
          if (form.etape !== 'confirmer')
            return view(
              <BulkPreviewPage
                ctx={ctx}
                fund={fund}
                action={action}
                changing={changing}
                unchanged={chosen.filter((r) => !changing.includes(r))}
              />,
            );
          // Read from this fund just before: only a report deleted meanwhile fails, and then none changes (the
          // error rolls the transaction back, and the list is shown again with the French reason).
          const failed = await db
            .transaction(async (tx) => {
              for (const report of changing) {
                const done = await publishReport(tx, fund.id, report.id, publish, actor.personId);
                if (!done.ok) throw new BulkRefused(done.error.message);
              }
            })
            .then(
              () => undefined,
              (error: unknown) => {
                if (error instanceof BulkRefused) return error.message;
                throw error;
              },
            );
          if (failed) return refused(failed, 409);
          return redirect(
            fundPaths(fund.id).reports,
            publish ? cn.reports_published : cn.reports_unpublished,
          );
        }),
    }),
  ];
}
