// The staff's pages for keeping a fund's books (issue 15): the funds' list with its figures and export, a
// fund's form and deletion, its account with the forms that record pledges and receipts, its ledger with
// reversals and the accounting export, its closure. Every form refused re-shows itself with French errors
// and a 4xx, having recorded nothing; a form sent twice (same idempotency key) records once.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { countryName } from '../../platform/countries.ts';
import type { Executor } from '../../platform/db/client.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import { formatCents, parseEuros } from '../../platform/money.ts';
import { type Failure, fail, type Result } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { parisDate } from '../../platform/time.ts';
import { fieldErrors, optional, uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { pickableOrganisations } from '../organisations/directory.ts';
import {
  contributorsOf,
  pledgeInput,
  receiptInput,
  receiptsOf,
  recordPledge,
  recordReceipt,
} from './contributions.ts';
import { fundsMessages as fm, fundsNotices as notices } from './funds.messages.ts';
import { fundsPolicy as policy } from './funds.policy.ts';
import {
  createFund,
  deleteFund,
  type Fund,
  fundFilters,
  fundInput,
  fundStatusLabels,
  getFund,
  listFunds,
  settled,
  updateFund,
} from './funds.ts';
import { type Balances, balancesOf, balancesOfAll, getLedgerGroup } from './ledger.ts';
import { exportLines, ledgerColumns, ledgerOf } from './ledger-export.ts';
import { meetingIdsOf } from './meetings.ts';
import { closeFund, reverse } from './projects.ts';
import { finalReportText, reportsOf } from './reports.ts';
import { staffFundsNotices as staffNotices } from './staff-funds.messages.ts';
import { base, type Errors, fundPaths } from './views/fund-nav.tsx';
import { ClosurePage, type FinalValues, LedgerPage, type ReversalForm } from './views/staff-fund-ledger.tsx';
import {
  type AccountForms,
  DeleteFundPage,
  FundAccountPage,
  FundFormPage,
  type FundRow,
  type FundValues,
  type OrganisationChoices,
  type PledgeValues,
  type ReceiptValues,
  StaffFundsPage,
} from './views/staff-funds.tsx';

const idParams = z.object({ id: uuid });
const groupParams = z.object({ id: uuid, groupId: uuid });
const accountQuery = z.object({ organisation: optional(z.string().trim().max(200)) });

/** How many organisations the account's forms offer to choose from. */
const offered = 500;

const noMovement: Balances = {
  pledgedCents: 0,
  receivedCents: 0,
  allocatedCents: 0,
  committedCents: 0,
  disbursedCents: 0,
  availableCents: 0,
  bankCents: 0,
};

/** A form's errors under the fields the page shows: « countries.1 » is the countries' field. */
function fieldsOf(fields: Record<string, string>, rename: Record<string, string> = {}): Errors {
  const out: Errors = {};
  for (const [key, message] of Object.entries(fields)) {
    const head = key.split('.').at(key.startsWith('finalAllocation.') ? 1 : 0)!;
    out[rename[head] ?? head] ??= message;
  }
  return out;
}

/** A refusal's errors: by field, or its sentence when it is about no field. */
const errorsOf = (error: Failure, rename: Record<string, string> = {}): Errors =>
  error.fields ? fieldsOf(error.fields, rename) : { _: error.message };

/** An amount typed in euros (« 1 500,50 »), as the domain's cents; `error` when it is not one. */
function centsOf(typed: string, required: boolean): { cents?: number; error?: string } {
  if (typed.trim() === '') return required ? { error: fm.eurosExpected().text } : {};
  const cents = parseEuros(typed);
  return cents === undefined ? { error: fm.eurosExpected().text } : { cents };
}

/**
 * A money form's errors when its amount is not one: the amount's, and those the domain's schema finds in the
 * other fields (checked with a stand-in amount), so that every mistake shows at once.
 */
function amountRefused(schema: z.ZodType, input: Record<string, unknown>, amountError: string): Failure {
  const parsed = schema.safeParse({ ...input, amountCents: 1 });
  return {
    status: 400,
    code: 'invalid',
    message: fm.invalid().text,
    fields: { ...(parsed.success ? {} : fieldErrors(parsed.error)), amountCents: amountError },
  };
}

// ——— A fund's form ———

const fundValuesOf = (form: Record<string, string | undefined>): FundValues => ({
  name: form.name ?? '',
  cause: form.cause ?? '',
  countries: form.countries ?? '',
  openedOn: form.openedOn ?? '',
  target: form.target ?? '',
  description: form.description ?? '',
  bankReference: form.bankReference ?? '',
  quorumPercent: form.quorumPercent ?? '',
});

const fundValuesOfFund = (fund: Fund): FundValues => ({
  name: fund.name,
  cause: fund.cause ?? '',
  countries: fund.countries.join(', '),
  openedOn: fund.openedOn,
  target: fund.targetCents ? formatCents(fund.targetCents) : '',
  description: fund.description ?? '',
  bankReference: fund.bankReference ?? '',
  quorumPercent: String(fund.quorumPercent),
});

/**
 * The domain's input from the form, or the form's errors: the target typed in euros, the countries split on
 * commas, every other field checked by the domain's own schema (nothing is written while one is wrong).
 */
function fundInputOf(v: FundValues): { input: Record<string, unknown> } | { errors: Errors } {
  const countries = v.countries
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  const target = centsOf(v.target, false);
  const quorum = v.quorumPercent.trim();
  const input = {
    name: v.name,
    cause: v.cause,
    countries,
    openedOn: v.openedOn,
    targetCents: target.cents,
    description: v.description,
    bankReference: v.bankReference,
    quorumPercent: /^\d{1,3}$/.test(quorum) ? Number(quorum) : quorum,
  };
  const parsed = fundInput.safeParse(input);
  if (parsed.success && !target.error) return { input };
  const errors: Errors = {};
  // An unknown country is named, so that one typo among ten codes is found at once.
  for (const [key, message] of Object.entries(parsed.success ? {} : fieldErrors(parsed.error))) {
    const [head, index] = key.split('.');
    const field = head === 'targetCents' ? 'target' : head!;
    errors[field] ??= head === 'countries' && index ? `${countries[Number(index)]} : ${message}` : message;
  }
  if (target.error) errors.target = target.error;
  return { errors };
}

// ——— The money forms ———

const pledgeValuesOf = (form: Record<string, string | undefined>): PledgeValues => ({
  organisationId: form.organisationId ?? '',
  amount: form.amount ?? '',
  decisionReference: form.decisionReference ?? '',
  decidedOn: form.decidedOn ?? '',
  idempotencyKey: form.idempotencyKey ?? '',
});

const receiptValuesOf = (form: Record<string, string | undefined>): ReceiptValues => ({
  organisationId: form.organisationId ?? '',
  amount: form.amount ?? '',
  receivedOn: form.receivedOn ?? '',
  reference: form.reference ?? '',
  idempotencyKey: form.idempotencyKey ?? '',
});

/** The forms as a new visit shows them, each with its own new key. */
const emptyForms = (): AccountForms => ({
  pledge: {
    values: {
      organisationId: '',
      amount: '',
      decisionReference: '',
      decidedOn: '',
      idempotencyKey: randomUUID(),
    },
    errors: {},
  },
  receipt: {
    values: {
      organisationId: '',
      amount: '',
      receivedOn: parisDate(),
      reference: '',
      idempotencyKey: randomUUID(),
    },
    errors: {},
  },
});

/**
 * A form refused keeps its key: nothing was recorded under it, and sending it again records once. A key
 * refused as a conflict (another movement's, or malformed) is replaced.
 */
const keptKey = (key: string, error: Failure) =>
  error.code === 'idempotency_conflict' || error.fields?.idempotencyKey ? randomUUID() : key;

// ——— Closure ———

const finalValuesOf = (form: Record<string, string | undefined>): FinalValues => ({
  beneficiary: form.beneficiary ?? '',
  purpose: form.purpose ?? '',
  country: form.country ?? '',
  paidOn: form.paidOn ?? '',
  reference: form.reference ?? '',
});

const emptyFinal: FinalValues = { beneficiary: '', purpose: '', country: '', paidOn: '', reference: '' };

/** The closure's input: a final allocation when any of its fields is filled. */
const closureInputOf = (v: FinalValues) =>
  Object.values(v).some((value) => value.trim() !== '') ? { finalAllocation: v } : {};

export function staffFundsPages({ db }: Services) {
  const rowsOf = async (filters: z.infer<typeof fundFilters>): Promise<FundRow[]> => {
    const [funds, balances] = await Promise.all([listFunds(db, filters), balancesOfAll(db)]);
    return funds.map((fund) => ({ fund, balances: balances.get(fund.id) ?? noMovement }));
  };

  const exportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `${base}.${format}`,
      access: policy.manage,
      query: fundFilters,
      handler: async ({ query, reply }) =>
        sendSheet(reply, {
          name: 'fonds-de-solidarite',
          format,
          title: 'Fonds de solidarité',
          columns: [
            { header: 'Identifiant', value: (r: FundRow) => r.fund.id },
            { header: 'Fonds', value: (r) => r.fund.name },
            { header: 'Cause', value: (r) => r.fund.cause },
            { header: 'Pays', value: (r) => r.fund.countries.map(countryName).join(' ; ') },
            { header: 'État', value: (r) => fundStatusLabels[r.fund.status] },
            { header: 'Ouvert le', type: 'date', value: (r) => r.fund.openedOn },
            { header: 'Clôturé le', type: 'date', value: (r) => r.fund.closedOn },
            {
              header: 'Objectif en euros',
              type: 'number',
              value: (r) => (r.fund.targetCents === null ? null : r.fund.targetCents / 100),
            },
            { header: 'Promis en euros', type: 'number', value: (r) => r.balances.pledgedCents / 100 },
            { header: 'Reçu en euros', type: 'number', value: (r) => r.balances.receivedCents / 100 },
            { header: 'Affecté en euros', type: 'number', value: (r) => r.balances.allocatedCents / 100 },
            { header: 'Versé en euros', type: 'number', value: (r) => r.balances.disbursedCents / 100 },
            {
              header: 'Affecté restant à verser en euros',
              type: 'number',
              value: (r) => r.balances.committedCents / 100,
            },
            { header: 'Disponible en euros', type: 'number', value: (r) => r.balances.availableCents / 100 },
          ],
          rows: await rowsOf(query),
        }),
    });

  const ledgerExportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `${base}/:id/grand-livre.${format}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, reply }) => {
        const fund = await getFund(db, params.id);
        if (!fund) return notFound(fm.fundNotFound().text);
        return sendSheet(reply, {
          name: 'grand-livre',
          format,
          title: 'Grand livre',
          columns: ledgerColumns,
          rows: exportLines(fund, await ledgerOf(db, fund.id)),
        });
      },
    });

  /** The organisations the forms offer: the fund's contributors, then those the search finds, by name. */
  const choicesOf = async (fundId: string, q: string): Promise<OrganisationChoices> => {
    const [contributors, found] = await Promise.all([
      contributorsOf(db, fundId),
      pickableOrganisations(db, q, offered),
    ]);
    const items = new Map(contributors.map((c) => [c.organisation.id, c.organisation.name]));
    for (const o of found.items) if (items.size < offered) items.set(o.id, o.name);
    return {
      q,
      items: [...items].map(([id, label]) => ({ id, label })),
      total: Math.max(found.total, items.size),
    };
  };

  const accountView = async (
    ctx: PageContext,
    id: string,
    extra: { forms?: AccountForms; notice?: string | undefined; q?: string | undefined } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const fund = await getFund(db, id);
    if (!fund) return notFound(fm.fundNotFound().text);
    const [balances, contributors, receipts, choices] = await Promise.all([
      balancesOf(db, id),
      contributorsOf(db, id),
      receiptsOf(db, { fundId: id }),
      choicesOf(id, extra.q ?? ''),
    ]);
    return view(
      <FundAccountPage
        ctx={ctx}
        fund={fund}
        balances={balances}
        contributors={contributors}
        receipts={receipts}
        choices={choices}
        forms={extra.forms ?? emptyForms()}
        notice={extra.notice}
      />,
      status,
    );
  };

  const ledgerView = async (
    ctx: PageContext,
    id: string,
    extra: { refused?: ReversalForm; notice?: string | undefined } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const fund = await getFund(db, id);
    if (!fund) return notFound(fm.fundNotFound().text);
    return view(
      <LedgerPage
        ctx={ctx}
        fund={fund}
        movements={await ledgerOf(db, id)}
        refused={extra.refused}
        notice={extra.notice}
        newKey={randomUUID}
      />,
      status,
    );
  };

  const deleteView = async (ctx: PageContext, id: string, error?: Failure): Promise<PageOutcome> => {
    const fund = await getFund(db, id);
    if (!fund) return notFound(fm.fundNotFound().text);
    const [movements, reports, meetings] = await Promise.all([
      ledgerOf(db, id),
      reportsOf(db, id, true),
      meetingIdsOf(db, id),
    ]);
    return view(
      <DeleteFundPage
        ctx={ctx}
        fund={fund}
        movements={movements.length}
        reports={reports}
        meetings={meetings.length}
        error={error?.message}
      />,
      error?.status ?? 200,
    );
  };

  const closureView = async (
    ctx: PageContext,
    id: string,
    refused?: { values: FinalValues; error: Failure },
  ): Promise<PageOutcome> => {
    const fund = await getFund(db, id);
    if (!fund) return notFound(fm.fundNotFound().text);
    const balances = await balancesOf(db, id);
    // Closed, the report published; open, the text a closure today would publish.
    const final =
      fund.status === 'closed' ? (await reportsOf(db, id, true)).find((r) => r.kind === 'final') : undefined;
    const report =
      final?.body ??
      (await finalReportText(db, { ...fund, closedOn: fund.closedOn ?? parisDate() }, balances));
    const fieldsRefused = refused?.error.fields ? errorsOf(refused.error) : {};
    return view(
      <ClosurePage
        ctx={ctx}
        fund={fund}
        balances={balances}
        settled={settled(balances)}
        report={report}
        form={{ values: refused?.values ?? emptyFinal, errors: fieldsRefused }}
        error={refused && !refused.error.fields ? refused.error.message : undefined}
      />,
      refused?.error.status ?? 200,
    );
  };

  /**
   * A form that records money on the fund's account (a pledge, a receipt): the amount typed in euros, the
   * idempotency key of the form. Recorded, back to the contributors with a notice (another if the same form
   * had been recorded already); refused, the account's page with this form's errors.
   */
  const moneyForm = <V extends { amount: string; idempotencyKey: string }>(spec: {
    path: string;
    which: keyof AccountForms;
    valuesOf: (form: Record<string, string | undefined>) => V;
    schema: z.ZodType;
    inputOf: (values: V, amountCents: number) => Record<string, unknown>;
    record: (
      tx: Executor,
      fundId: string,
      input: unknown,
      actorId: string,
    ) => Promise<Result<{ created: boolean }>>;
    notices: [recorded: string, already: string];
  }) =>
    definePage({
      method: 'POST',
      url: `${base}/:id/${spec.path}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const values = spec.valuesOf(form);
        const amount = centsOf(values.amount, true);
        const input = spec.inputOf(values, amount.cents ?? 0);
        const result = amount.error
          ? { ok: false as const, error: amountRefused(spec.schema, input, amount.error) }
          : await db.transaction((tx) => spec.record(tx, params.id, input, actor.personId));
        if (result.ok)
          return redirect(
            `${fundPaths(params.id).account}#contributeurs`,
            result.value.created ? spec.notices[0] : spec.notices[1],
          );
        if (result.error.status === 404) return notFound(result.error.message);
        const refused = {
          values: { ...values, idempotencyKey: keptKey(values.idempotencyKey, result.error) },
          errors: errorsOf(result.error, { amountCents: 'amount' }),
        };
        const forms = { ...emptyForms(), [spec.which]: refused } as AccountForms;
        return accountView(ctx, params.id, { forms }, result.error.status);
      },
    });

  const fundFormView = (
    ctx: PageContext,
    form: { values: FundValues; errors: Errors },
    fund?: Fund,
    status = 200,
  ) => view(<FundFormPage ctx={ctx} fund={fund} form={form} />, status);

  return [
    ...sheetFormats.map(exportOf),
    ...sheetFormats.map(ledgerExportOf),
    definePage({
      method: 'GET',
      url: base,
      access: policy.manage,
      query: fundFilters,
      handler: async ({ query, ctx, notice }) =>
        view(
          <StaffFundsPage
            ctx={ctx}
            filters={{ q: query.q, status: query.status }}
            rows={await rowsOf(query)}
            notice={notice}
          />,
        ),
    }),
    definePage({
      method: 'GET',
      url: `${base}/nouveau`,
      access: policy.manage,
      handler: async ({ ctx }) =>
        fundFormView(ctx, {
          values: { ...fundValuesOf({}), quorumPercent: '50', openedOn: parisDate() },
          errors: {},
        }),
    }),
    definePage({
      method: 'POST',
      url: `${base}/nouveau`,
      access: policy.manage,
      handler: async ({ actor, form, ctx }) => {
        const values = fundValuesOf(form);
        const checked = fundInputOf(values);
        if ('errors' in checked) return fundFormView(ctx, { values, errors: checked.errors }, undefined, 400);
        const result = await db.transaction((tx) => createFund(tx, checked.input, actor.personId));
        if (!result.ok)
          return fundFormView(
            ctx,
            { values, errors: errorsOf(result.error) },
            undefined,
            result.error.status,
          );
        return redirect(fundPaths(result.value.id).account, notices.fund_created);
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/:id`,
      access: policy.manage,
      params: idParams,
      query: accountQuery,
      handler: async ({ params, query, ctx, notice }) =>
        accountView(ctx, params.id, { notice, q: query.organisation }),
    }),
    definePage({
      method: 'GET',
      url: `${base}/:id/modifier`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const fund = await getFund(db, params.id);
        if (!fund) return notFound(fm.fundNotFound().text);
        return fundFormView(ctx, { values: fundValuesOfFund(fund), errors: {} }, fund);
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/modifier`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const fund = await getFund(db, params.id);
        if (!fund) return notFound(fm.fundNotFound().text);
        const values = fundValuesOf(form);
        const checked = fundInputOf(values);
        if ('errors' in checked) return fundFormView(ctx, { values, errors: checked.errors }, fund, 400);
        const result = await db.transaction((tx) => updateFund(tx, fund.id, checked.input, actor.personId));
        if (!result.ok) {
          if (result.error.status === 404) return notFound(result.error.message);
          return fundFormView(ctx, { values, errors: errorsOf(result.error) }, fund, result.error.status);
        }
        return redirect(fundPaths(fund.id).account, notices.fund_saved);
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/:id/supprimer`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => deleteView(ctx, params.id),
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/supprimer`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, ctx }) => {
        const result = await db.transaction((tx) => deleteFund(tx, params.id, actor.personId));
        if (result.ok) return redirect(base, notices.fund_deleted);
        if (result.error.status === 404) return notFound(result.error.message);
        return deleteView(ctx, params.id, result.error);
      },
    }),
    moneyForm({
      path: 'promesses',
      which: 'pledge',
      valuesOf: pledgeValuesOf,
      schema: pledgeInput,
      inputOf: (v, amountCents) => ({
        organisationId: v.organisationId,
        amountCents,
        decisionReference: v.decisionReference,
        decidedOn: v.decidedOn,
        idempotencyKey: v.idempotencyKey,
      }),
      record: recordPledge,
      notices: [notices.pledge_recorded, staffNotices.pledge_already],
    }),
    moneyForm({
      path: 'versements',
      which: 'receipt',
      valuesOf: receiptValuesOf,
      schema: receiptInput,
      inputOf: (v, amountCents) => ({
        organisationId: v.organisationId,
        amountCents,
        receivedOn: v.receivedOn,
        reference: v.reference,
        idempotencyKey: v.idempotencyKey,
      }),
      record: recordReceipt,
      notices: [notices.receipt_recorded, notices.receipt_already],
    }),
    definePage({
      method: 'GET',
      url: `${base}/:id/grand-livre`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) => ledgerView(ctx, params.id, { notice }),
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/grand-livre/:groupId/contre-passer`,
      access: policy.manage,
      params: groupParams,
      handler: async ({ actor, params, form, ctx }) => {
        const group = await getLedgerGroup(db, params.groupId);
        if (!group || group.fundId !== params.id) return notFound(fm.movementNotFound().text);
        const reason = form.reason ?? '';
        const key = form.idempotencyKey ?? '';
        // An empty reason is told why it is needed, rather than that a field is required.
        const result =
          reason.trim() === ''
            ? fail(400, 'reason_required', fm.reasonRequired())
            : await db.transaction((tx) =>
                reverse(tx, group.id, { reason, idempotencyKey: key }, actor.personId),
              );
        const anchor = `#mouvement-${group.id}`;
        if (result.ok)
          return redirect(
            `${fundPaths(params.id).ledger}${anchor}`,
            result.value.created ? notices.reversal_recorded : staffNotices.reversal_already,
          );
        return ledgerView(
          ctx,
          params.id,
          {
            refused: {
              groupId: group.id,
              reason,
              idempotencyKey: keptKey(key, result.error),
              error: result.error.fields
                ? Object.values(errorsOf(result.error)).join(' ')
                : result.error.message,
            },
          },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/:id/cloturer`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => closureView(ctx, params.id),
    }),
    definePage({
      method: 'POST',
      url: `${base}/:id/cloturer`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const values = finalValuesOf(form);
        const result = await db.transaction((tx) =>
          closeFund(tx, params.id, closureInputOf(values), actor.personId),
        );
        if (result.ok) return redirect(fundPaths(params.id).account, notices.fund_closed);
        if (result.error.status === 404) return notFound(result.error.message);
        return closureView(ctx, params.id, { values, error: result.error });
      },
    }),
  ];
}
