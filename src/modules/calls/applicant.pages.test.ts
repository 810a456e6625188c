// The applicants' side of support calls, as a town sees it in a browser: the calls, a call's page, a
// dossier saved as a draft, refused while incomplete, submitted, followed step by step; another town and a
// non-member refused in French; the answers fixed once instruction starts; the decision's motivation shown;
// never a mark nor a score of the instructors.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { parse } from 'node-html-parser';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { parisDate, parisTime } from '../../platform/time.ts';
import { getApplication } from '../applications/applications.ts';
import type { Person } from '../organisations/people.ts';
import { callsForPerson } from './applicant-queries.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { detailsOf } from './envelope.ts';

const day = 86_400_000;
/** 18 h in Paris, `days` from today: the hour the network closes its calls. */
const closingAt = (days: number) => parisTime(parisDate(new Date(Date.now() + days * day)), '18:00');

const actorOf = (p: Person): Actor => ({
  personId: p.id,
  firstName: p.firstName,
  lastName: p.lastName,
  email: p.email,
  kind: p.kind,
  organisationId: p.organisationId,
  referent: p.referent,
  staff: p.kind === 'staff',
});

/** The main text of a page, its spaces plain (Intl writes narrow no-break spaces). */
const textOf = (html: string) =>
  parse(html)
    .querySelector('main')!
    .innerHTML.replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, '’')
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');

describe('the applicants’ pages of support calls', async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const staff = await buildStaff(db);
  const staffAuth = await bearer(db, staff);
  const town = await buildLocalGovernment(db, { member: true });
  const elu = await buildElected(db, town.id);
  const colleague = await buildOfficer(db, town.id);
  const lapsed = await buildLocalGovernment(db, { member: false });
  const lapsedElu = await buildElected(db, lapsed.id);
  const otherTown = await buildLocalGovernment(db, { member: true });
  const otherReferent = await buildOfficer(db, otherTown.id, true);

  const api = async (url: string, payload: object) => {
    const response = await app.inject({ method: 'POST', url, headers: staffAuth, payload });
    assert.ok(response.statusCode < 300, `${url} : ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const newCall = (number: number, opensAt: Date, closesAt: Date, title = 'Stratégies internationales') =>
    api('/api/v1/calls', {
      number,
      title,
      description: 'Un accompagnement d’un an.\n\nPour les communes qui débutent.',
      supportKinds: ['Stratégie internationale', 'Recherche de cofinancements'],
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      criteria: [
        { label: 'Pertinence', weight: 3 },
        { label: 'Faisabilité', weight: 1 },
      ],
      envelopeCents: 6_000_000,
      engagementsPlanned: 5,
    }) as Promise<{ id: string; number: number; criteria: { id: string }[] }>;

  const call = await newCall(13, new Date(Date.now() - day), closingAt(30));
  const upcoming = await newCall(
    14,
    new Date(Date.now() + 60 * day),
    new Date(Date.now() + 90 * day),
    'À venir',
  );
  await newCall(12, new Date(Date.now() - 90 * day), new Date(Date.now() - 60 * day), 'Passé');

  const anonymous = () => new Browser(app);
  const eluBrowser = await signedInBrowser(t, elu);
  const formUrl = `/appels/${call.id}/dossier`;
  let dossierId = '';
  const statusOf = async () => (await getApplication(db, callsPipeline, dossierId))?.status;
  const answersOf = async () => (await getApplication(db, callsPipeline, dossierId))?.answers;
  const pages: [Browser, string][] = [];
  /** Refused forms, as they were answered: their HTML is checked too. */
  const refusals: [string, string][] = [];

  it('lists the open, upcoming and past calls, with the closing hour in Paris time and who may apply', async () => {
    const response = await anonymous().get('/appels');
    assert.equal(response.statusCode, 200);
    const text = textOf(response.body);
    assert.match(
      text,
      /Appels ouverts 13ᵉ appel — Stratégies internationales Ouvert jusqu’au .+ à 18 h \(heure de Paris\)/,
    );
    assert.match(text, /Appels à venir 14ᵉ appel — À venir Ouvre le/);
    assert.match(text, /Appels clos 12ᵉ appel — Passé Clos depuis le/);
    assert.match(text, /adhérentes du réseau et à jour de leur cotisation/);
    assert.match(text, /Enveloppe de l’appel 60 000,00 €/);
    pages.push([anonymous(), '/appels']);
  });

  it('shows a call’s questions, a sign-in link to a visitor and the button to the élu of a member town', async () => {
    const visitor = await anonymous().get(`/appels/${call.id}`);
    assert.equal(visitor.statusCode, 200);
    assert.match(visitor.body, /href="\/connexion"/);
    assert.match(
      textOf(visitor.body),
      /La démarche ou le projet pour lequel vous demandez un accompagnement \(obligatoire\)/,
    );
    const page = await eluBrowser.get(`/appels/${call.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), new RegExp(`Préparer le dossier de ${town.name}`));
    assert.match(page.body, new RegExp(`href="${formUrl}"`));
    pages.push([anonymous(), `/appels/${call.id}`], [eluBrowser, `/appels/${call.id}`]);
  });

  it('saves a draft with some answers and its cost, then shows it', async () => {
    const form = await eluBrowser.get(formUrl);
    assert.equal(form.statusCode, 200);
    assert.match(
      textOf(form.body),
      /Votre collectivité et son action internationale aujourd’hui \(obligatoire\)/,
    );
    pages.push([eluBrowser, formUrl]);
    const saved = await eluBrowser.post(formUrl, {
      dossier: '',
      q1: 'Jumelée avec Kayes depuis 1985',
      q3: 'Kayes (Mali)',
      cout: '15 000',
      action: 'brouillon',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const location = saved.headers.location as string;
    assert.match(location, /^\/mon-espace\/dossiers\/[0-9a-f-]{36}\?info=/);
    dossierId = location.split('/')[3]!.split('?')[0]!;
    assert.equal(await statusOf(), 'draft');
    assert.deepEqual(await answersOf(), { q1: 'Jumelée avec Kayes depuis 1985', q3: 'Kayes (Mali)' });
    assert.equal((await detailsOf(db, [dossierId])).get(dossierId)?.requestedCents, 1_500_000);
    const followUp = await eluBrowser.get(location);
    assert.equal(followUp.statusCode, 200);
    assert.match(textOf(followUp.body), /Le brouillon est enregistré/);
    assert.match(textOf(followUp.body), /Statut : Brouillon/);
  });

  it('refuses to submit an incomplete dossier: errors by field, the values kept, nothing written', async () => {
    const refused = await eluBrowser.post(formUrl, {
      dossier: dossierId,
      q1: 'Jumelée avec Kayes depuis 1985, coopération scolaire',
      q3: 'Kayes (Mali)',
      cout: '15 000',
      action: 'deposer',
    });
    assert.equal(refused.statusCode, 422, refused.body);
    const root = parse(refused.body);
    refusals.push(['dossier incomplet', refused.body]);
    assert.match(root.querySelector('.error-summary')!.text, /Le dossier est incomplet/);
    assert.ok(root.querySelector('.error-summary a[href="#question-q2"]'), 'lien vers la question manquante');
    assert.ok(root.querySelector('.error-summary a[href="#question-q4"]'));
    const q2 = root.querySelector('#question-q2')!;
    assert.equal(q2.getAttribute('aria-invalid'), 'true');
    assert.match(q2.getAttribute('aria-describedby') ?? '', /question-q2-error/);
    assert.match(root.querySelector('#question-q2-error')!.text, /Répondez à la question/);
    assert.equal(
      root.querySelector('#question-q1')!.text,
      'Jumelée avec Kayes depuis 1985, coopération scolaire',
    );
    assert.equal(await statusOf(), 'draft');
    assert.deepEqual(await answersOf(), { q1: 'Jumelée avec Kayes depuis 1985', q3: 'Kayes (Mali)' });
    pages.push([eluBrowser, formUrl]);
  });

  it('refuses a cost that is no amount, in French, with the value kept', async () => {
    const refused = await eluBrowser.post(formUrl, {
      dossier: dossierId,
      q1: 'Jumelée avec Kayes depuis 1985',
      cout: 'quinze mille',
      action: 'brouillon',
    });
    assert.equal(refused.statusCode, 400);
    const root = parse(refused.body);
    refusals.push(['montant invalide', refused.body]);
    assert.match(root.querySelector('#cout-error')!.text, /Montant attendu en euros/);
    assert.equal(root.querySelector('#cout')!.getAttribute('value'), 'quinze mille');
    assert.deepEqual(await answersOf(), { q1: 'Jumelée avec Kayes depuis 1985', q3: 'Kayes (Mali)' });
  });

  it('submits the completed dossier, and shows its steps: « Déposé, en construction »', async () => {
    const submitted = await eluBrowser.post(formUrl, {
      dossier: dossierId,
      q1: 'Jumelée avec Kayes depuis 1985',
      q2: 'Une stratégie internationale pour le mandat',
      q3: 'Kayes (Mali)',
      q4: 'Une stratégie votée en conseil municipal',
      cout: '15 000,50',
      action: 'deposer',
    });
    assert.equal(submitted.statusCode, 303, submitted.body);
    assert.equal(await statusOf(), 'submitted');
    assert.equal((await detailsOf(db, [dossierId])).get(dossierId)?.requestedCents, 1_500_050);
    const page = await eluBrowser.get(submitted.headers.location as string);
    const root = parse(page.body);
    const text = textOf(page.body);
    assert.match(text, /Le dossier est déposé/);
    assert.match(text, /Statut : Déposé, en construction/);
    assert.match(root.querySelector('[aria-current="step"]')!.text, /Déposé, en construction/);
    assert.match(text, /Une stratégie votée en conseil municipal/);
    assert.match(text, /Coût estimé 15 000,50 €/);
    assert.ok(
      root.querySelector(`a[href="${formUrl}?dossier=${dossierId}"]`),
      'lien pour corriger le dossier',
    );
    pages.push([eluBrowser, `/mon-espace/dossiers/${dossierId}`], [eluBrowser, formUrl]);
    // The call's page now gives the dossier's status.
    assert.match(textOf((await eluBrowser.get(`/appels/${call.id}`)).body), /Déposé, en construction/);
  });

  it('lets a colleague correct the submitted dossier, which must stay complete', async () => {
    const browser = await signedInBrowser(t, colleague);
    await browser.get(formUrl);
    const incomplete = await browser.post(formUrl, {
      dossier: dossierId,
      q1: 'Jumelée avec Kayes depuis 1985',
      q2: '',
      q4: 'Une stratégie votée',
      cout: '15 000,50',
      action: 'corriger',
    });
    assert.equal(incomplete.statusCode, 422);
    assert.ok(parse(incomplete.body).querySelector('#question-q2-error'));
    assert.equal((await answersOf())?.q2, 'Une stratégie internationale pour le mandat');
  });

  it('never overwrites a dossier a colleague opened since the form was read: the link to theirs instead', async () => {
    const second = await newCall(15, new Date(Date.now() - day), closingAt(10), 'Climat');
    const url = `/appels/${second.id}/dossier`;
    const browser = await signedInBrowser(t, colleague);
    await browser.get(url);
    const first = await eluBrowser.get(url);
    assert.equal(first.statusCode, 200);
    const theirs = await eluBrowser.post(url, { dossier: '', q1: 'Notre action', action: 'brouillon' });
    assert.equal(theirs.statusCode, 303);
    const late = await browser.post(url, { dossier: '', q1: 'Autre texte', action: 'brouillon' });
    assert.equal(late.statusCode, 409);
    refusals.push(['dossier d’une ou un collègue', late.body]);
    assert.match(textOf(late.body), new RegExp(`${town.name} a déjà un dossier pour cet appel`));
    const link = parse(late.body).querySelector('.error-summary a')!.getAttribute('href')!;
    assert.equal(link, (theirs.headers.location as string).split('?')[0]);
    assert.match(late.body, /Autre texte/);
  });

  it('tells the élu of a non-member town why it may not apply, and writes nothing', async () => {
    const browser = await signedInBrowser(t, lapsedElu);
    const page = await browser.get(`/appels/${call.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /n’est pas adhérente du réseau à jour de sa cotisation/);
    assert.doesNotMatch(page.body, new RegExp(`href="${formUrl}"`));
    const form = await browser.get(formUrl);
    assert.equal(form.statusCode, 403);
    assert.match(textOf(form.body), /n’est pas adhérente du réseau/);
    await browser.get(`/appels/${call.id}`);
    const posted = await browser.post(formUrl, { dossier: '', q1: 'Essai', action: 'brouillon' });
    assert.equal(posted.statusCode, 403);
    assert.match(textOf(posted.body), /n’est pas adhérente du réseau/);
    const block = await callsForPerson(db, actorOf(lapsedElu), new Date());
    assert.equal(block, undefined);
  });

  it('keeps the dossier from another town’s people', async () => {
    const browser = await signedInBrowser(t, otherReferent);
    const page = await browser.get(`/mon-espace/dossiers/${dossierId}`);
    assert.equal(page.statusCode, 404);
    assert.match(textOf(page.body), /Ce dossier n’existe pas ou ne vous est pas ouvert/);
    assert.doesNotMatch(page.body, /Une stratégie votée/);
  });

  it('lists the town’s dossiers and the calls it may apply to in « Mon espace »', async () => {
    const block = await callsForPerson(db, actorOf(elu), new Date());
    assert.ok(block);
    const labels = block.items.map((i) => `${i.label} — ${i.detail}`);
    assert.ok(
      labels.includes('Dossier au 13ᵉ appel — Stratégies internationales — Déposé, en construction'),
      labels.join('\n'),
    );
    assert.ok(block.items.some((i) => i.href === `/mon-espace/dossiers/${dossierId}`));
    const other = await callsForPerson(db, actorOf(otherReferent), new Date());
    assert.ok(
      other?.items.some((i) => i.label === 'Déposer un dossier au 13ᵉ appel — Stratégies internationales'),
    );
    assert.equal(await callsForPerson(db, actorOf(staff), new Date()), undefined);
  });

  it('fixes the answers once instruction starts, and shows the decision’s motivation but never a score', async () => {
    const scored = (await api(`/api/v1/call-applications/${dossierId}/scores`, {
      scores: { [call.criteria[0]!.id]: 4, [call.criteria[1]!.id]: 3 },
    })) as { weightedScore: number };
    assert.equal(scored.weightedScore, 3.75);
    const page = await eluBrowser.get(`/mon-espace/dossiers/${dossierId}`);
    const text = textOf(page.body);
    assert.match(text, /Statut : En instruction/);
    assert.match(text, /ses réponses ne se modifient plus/);
    assert.equal(parse(page.body).querySelector(`a[href="${formUrl}"]`), null);
    const form = await eluBrowser.get(formUrl);
    assert.match(textOf(form.body), /en instruction ou décidé/);
    const refused = await eluBrowser.post(formUrl, {
      dossier: dossierId,
      q1: 'Réécrit après le dépôt',
      q2: 'x',
      q4: 'y',
      cout: '15 000',
      action: 'corriger',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /ses réponses ne se modifient plus/);
    assert.equal((await answersOf())?.q1, 'Jumelée avec Kayes depuis 1985');

    await api(`/api/v1/call-applications/${dossierId}/decision`, {
      decision: 'accepted',
      motivation: 'Une démarche claire et portée par le conseil municipal.',
    });
    const decided = await eluBrowser.get(`/mon-espace/dossiers/${dossierId}`);
    const decidedText = textOf(decided.body);
    assert.match(decidedText, /Décision : Retenu/);
    assert.match(decidedText, /Une démarche claire et portée par le conseil municipal\./);
    for (const body of [page.body, decided.body]) {
      assert.doesNotMatch(body, /3,75|3\.75|[Ss]core|[Nn]otes? |Pertinence|Faisabilité|[Ss]uivi par/);
    }
    // Staff read it too, as the town does.
    const staffPage = await (await signedInBrowser(t, staff)).get(`/mon-espace/dossiers/${dossierId}`);
    assert.equal(staffPage.statusCode, 200);
    pages.push([eluBrowser, `/mon-espace/dossiers/${dossierId}`], [eluBrowser, formUrl]);
  });

  it('writes valid HTML on every page it showed', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const problems: string[] = [];
    for (const [browser, url] of pages) {
      const response = await browser.get(url);
      const report = await validator.validateString(response.body, url);
      problems.push(
        ...report.results.flatMap((r) => r.messages.map((m) => `${url}:${m.line} ${m.ruleId} ${m.message}`)),
      );
    }
    // A call not open yet: the form is not offered, and nothing is written.
    const early = await eluBrowser.post(`/appels/${upcoming.id}/dossier`, {
      dossier: '',
      action: 'brouillon',
    });
    assert.equal(early.statusCode, 422);
    assert.match(textOf(early.body), /L’appel ouvre le/);
    refusals.push(['appel à venir', early.body]);
    for (const [what, html] of refusals) {
      const report = await validator.validateString(html, what);
      problems.push(
        ...report.results.flatMap((r) => r.messages.map((m) => `${what}:${m.line} ${m.ruleId} ${m.message}`)),
      );
    }
    assert.deepEqual(problems, []);
  });
});
