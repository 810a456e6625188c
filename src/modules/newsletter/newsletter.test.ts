// « La Lettre »: an issue made through the API (its shape kept), refused in French when its period or a link
// is wrong; its agenda generated from the events of the period, by month and day, with format and audience
// in words, a restricted committee left out, « autres dates à retenir » after it; staff's form with its
// one-box content, a draft hidden from everyone else, published, taken back, deleted only as a draft.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { sql } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import {
  bearer,
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { Browser, pageText, testApp } from '../../../tests/helpers.ts';
import { pdfImages, pdfText, withoutPoppler } from '../../../tests/poppler.ts';
import { parisTime } from '../../platform/time.ts';
import { agendaOf, laterDates } from './agenda.ts';
import { formatContent, parseContent } from './document.ts';
import { getIssue } from './issues.ts';
import { renderLetterMail } from './letter-mail.tsx';
import { png } from './newsletter.matrix.ts';

const at = (day: string, time: string) => parisTime(day, time).toISOString();

describe('La Lettre', async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);

  // A period of its own, far from the demo's and the other tests' events.
  await buildEvent(db, {
    title: 'Décryptage thématique',
    format: 'online',
    audience: 'members',
    startsAt: at('2031-03-05', '10:00'),
    endsAt: at('2031-03-05', '12:00'),
  });
  const cop = await buildEvent(db, {
    title: 'COP36',
    venue: 'Belém',
    startsAt: at('2031-03-10', '09:00'),
    endsAt: at('2031-03-21', '18:00'),
  });
  await buildEvent(db, {
    title: 'Comité restreint',
    audience: 'restricted',
    startsAt: at('2031-03-06', '10:00'),
    endsAt: at('2031-03-06', '11:00'),
  });
  await buildEvent(db, {
    title: 'Réunion du groupe-pays Arménie',
    format: 'hybrid',
    venue: 'Aix-en-Provence',
    startsAt: at('2031-04-02', '14:00'),
    endsAt: at('2031-04-02', '17:00'),
  });
  await buildEvent(db, {
    title: 'Avant la période',
    startsAt: at('2031-02-27', '10:00'),
    endsAt: at('2031-02-27', '12:00'),
  });
  await buildEvent(db, {
    title: 'Rencontres de l’AICT',
    venue: 'Paris',
    startsAt: at('2031-07-08', '09:00'),
    endsAt: at('2031-07-09', '17:30'),
  });
  const period = { start: '2031-03-01', end: '2031-04-30' };

  it('generates the agenda of the period by month and day, with where and for whom in words', async () => {
    const months = await agendaOf(db, period);
    assert.deepEqual(
      months.map((month) => ({
        month: month.label,
        days: month.days.map((d) => ({
          day: d.label,
          lines: d.lines.map((l) => [l.title, l.where, l.audience ?? '']),
        })),
      })),
      [
        {
          month: 'Mars 2031',
          days: [
            {
              day: 'Mercredi 5 mars 2031',
              lines: [['Décryptage thématique', 'en visioconférence', 'réservé aux adhérents de CUF']],
            },
            { day: 'Du lundi 10 au vendredi 21 mars 2031', lines: [['COP36', 'à Belém', '']] },
          ],
        },
        {
          month: 'Avril 2031',
          days: [
            {
              day: 'Mercredi 2 avril 2031',
              lines: [['Réunion du groupe-pays Arménie', 'à Aix-en-Provence et en visioconférence', '']],
            },
          ],
        },
      ],
    );
    const later = await laterDates(db, period.end);
    assert.equal(later[0]?.title, 'Rencontres de l’AICT');
    assert.equal(later[0]?.when, 'du mardi 8 au mercredi 9 juillet 2031');
  });

  it('makes an issue through the API, and refuses a wrong period or link in French, writing nothing', async () => {
    const issue = {
      title: 'Mars & Avril 2031',
      periodStart: period.start,
      periodEnd: period.end,
      editorial: 'Le printemps du réseau.',
      sections: [
        {
          title: 'Informations du réseau',
          items: [
            {
              title: 'Adhésion',
              body: 'Renouvelez **votre** adhésion.',
              link: 'https://cites-unies-france.org/adherer',
            },
          ],
        },
        { title: 'Actualités géographiques', items: [] },
      ],
    };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/newsletter/issues',
      headers: auth,
      payload: issue,
    });
    assert.equal(created.statusCode, 201, created.body);
    const document = await getIssue(db, created.json().id);
    assert.deepEqual(
      document?.sections.map((s) => [s.title, s.items.map((i) => i.title)]),
      [
        ['Informations du réseau', ['Adhésion']],
        ['Actualités géographiques', []],
      ],
    );
    assert.equal(document?.issue.publishedAt, null);

    for (const [wrong, field, text] of [
      [{ ...issue, periodEnd: '2031-02-01' }, 'periodEnd', /La fin de la période doit venir après son début/],
      [
        {
          ...issue,
          sections: [{ title: 'R', items: [{ title: 'A', body: 'T', link: 'javascript:alert(1)' }] }],
        },
        'sections.0.items.0.link',
        /Lien attendu/,
      ],
      [{ ...issue, title: '' }, 'title', /obligatoire/],
    ] as const) {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/newsletter/issues',
        headers: auth,
        payload: wrong,
      });
      assert.equal(refused.statusCode, 400);
      const error = refused.json().error;
      assert.equal(error.code, 'invalid');
      assert.match(error.fields[field], text);
    }
  });

  it('reads back the one-box content as it was written, and says which line it cannot read', () => {
    const source =
      '## Informations du réseau\n\n### Les Rencontres\n\nInscriptions **ouvertes**.\n\nLien : https://raict.org\n\n### Adhésion\n\nRenouvelez.';
    const read = parseContent(source);
    assert.ok('sections' in read);
    assert.deepEqual(read.sections, [
      {
        title: 'Informations du réseau',
        items: [
          { title: 'Les Rencontres', body: 'Inscriptions **ouvertes**.', link: 'https://raict.org' },
          { title: 'Adhésion', body: 'Renouvelez.' },
        ],
      },
    ]);
    const shown = formatContent(
      read.sections.map((s, i) => ({
        id: String(i),
        issueId: '',
        position: i,
        title: s.title,
        items: s.items.map(({ image, ...item }, k) => ({
          id: String(k),
          sectionId: String(i),
          position: k,
          link: item.link ?? null,
          imageId: image?.id ?? null,
          imageAlt: image?.alt ?? null,
          ...item,
        })),
      })),
    );
    assert.deepEqual(parseContent(shown), read);
    assert.deepEqual(parseContent('Un texte sans article'), {
      error:
        'Ligne 1 : ce texte n’appartient à aucun article ; commencez l’article par une ligne « ### titre ».',
    });
    assert.deepEqual(parseContent('### Article\nTexte'), {
      error: 'Ligne 1 : un article (« ### titre ») doit suivre une rubrique (« ## titre »).',
    });
  });

  it('shows under an item the live data of the record it points to, read when the Lettre is read', async () => {
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/newsletter/issues',
      headers: auth,
      payload: {
        title: 'Lettre avec renvois',
        periodStart: period.start,
        periodEnd: period.end,
        sections: [
          {
            title: 'Climat',
            items: [{ title: 'La COP36', body: 'Le réseau y sera.', link: `/agenda/${cop.id}` }],
          },
        ],
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json().id as string;
    const browser = await signedInBrowser(t, staff);
    const before = pageText((await browser.get(`/lettre/${id}`)).body);
    assert.match(
      before,
      /Événement : COP36\s*Du lundi 10 mars 2031 à 09:00 au vendredi 21 mars 2031 à 18:00|Événement : COP36\s*[^\n]*mars 2031/,
    );
    assert.match(before, /À Belém/);
    await db.execute(sql`update events set cancelled_at = now() where id = ${cop.id}`);
    assert.match(pageText((await browser.get(`/lettre/${id}`)).body), /Événement : COP36\s*Annulé/);
    // The PDF, read back by poppler: the same words, the live record and the agenda of the period.
    if (!withoutPoppler) {
      const pdf = await browser.get(`/lettre/${id}.pdf`);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = await pdfText(pdf.rawPayload);
      assert.match(text, /Lettre avec renvois/);
      assert.match(text, /Événement : COP36 Annulé/);
      assert.match(text, /• COP36 \(annulé\), à Belém/);
      assert.match(text, /Agenda Mars 2031/);
      assert.match(text, /1 ?\/ ?1 $/);
      assert.equal(
        (await new Browser(app).get(`/lettre/${id}.pdf`)).statusCode,
        404,
        'a draft’s PDF is staff’s',
      );
    }
    await db.execute(sql`update events set cancelled_at = null where id = ${cop.id}`);
  });

  it('places an uploaded image in an item with its alternative text, in the web version, the mail and the PDF', async () => {
    const browser = await signedInBrowser(t, staff);
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/newsletter/issues',
      headers: auth,
      payload: { title: 'Lettre illustrée', periodStart: period.start, periodEnd: period.end, sections: [] },
    });
    const id = made.json().id as string;
    await browser.get(`/gestion/lettre/${id}`);
    const refused = await browser.postFile(
      `/gestion/lettre/${id}/images`,
      {},
      {
        name: 'carte.png',
        type: 'image/png',
        content: Buffer.from('pas une image'),
      },
    );
    assert.equal(refused.statusCode, 415);
    assert.match(pageText(refused.body), /Seules les images PNG et JPEG sont acceptées/);
    const added = await browser.postFile(
      `/gestion/lettre/${id}/images`,
      {},
      { name: 'carte.png', type: 'image/png', content: png },
    );
    assert.equal(added.statusCode, 303);
    const page = await browser.get(`/gestion/lettre/${id}`);
    const line = /Image : ([0-9a-f-]{36}) \| description de l’image/.exec(pageText(page.body));
    assert.ok(line, 'the page gives the line to copy');
    const imageId = line[1]!;
    const served = await new Browser(app).get(`/lettre/images/${imageId}`);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.ok(served.rawPayload.equals(png));

    const form = {
      title: 'Lettre illustrée',
      periodStart: period.start,
      periodEnd: period.end,
      editorial: '',
      editorialAuthor: '',
    };
    const withoutAlt = await browser.post(`/gestion/lettre/${id}/modifier`, {
      ...form,
      content: `## Coopérations\n\n### Le partenariat\n\nUne visite.\n\nImage : ${imageId}`,
    });
    assert.equal(withoutAlt.statusCode, 400);
    assert.match(pageText(withoutAlt.body), /Ligne 7 : après « \| », décrivez ce que l’image montre/);
    const foreign = await browser.post(`/gestion/lettre/${id}/modifier`, {
      ...form,
      content: `## Coopérations\n\n### Le partenariat\n\nUne visite.\n\nImage : ${randomUUID()} | Une carte`,
    });
    assert.equal(foreign.statusCode, 422);
    assert.match(pageText(foreign.body), /Image inconnue : ajoutez-la d’abord sur la page de la Lettre/);
    const saved = await browser.post(`/gestion/lettre/${id}/modifier`, {
      ...form,
      content: `## Coopérations\n\n### Le partenariat\n\nUne visite.\n\nImage : ${imageId} | Carte des deux villes jumelées`,
    });
    assert.equal(saved.statusCode, 303);
    const img = parse((await browser.get(`/lettre/${id}`)).body).querySelector('article img');
    assert.equal(img?.getAttribute('alt'), 'Carte des deux villes jumelées');
    assert.equal(img?.getAttribute('src'), `/lettre/images/${imageId}`);
    const mail = renderLetterMail({
      sendId: randomUUID(),
      document: (await getIssue(db, id))!,
      months: [],
      later: [],
      live: new Map(),
      baseUrl: 'https://coopdec.example.org',
    });
    assert.match(
      mail.html,
      new RegExp(
        `<img src="https://coopdec\\.example\\.org/lettre/images/${imageId}" alt="Carte des deux villes jumelées"`,
      ),
    );
    assert.match(mail.text, /\[Image : Carte des deux villes jumelées\]/);
    if (!withoutPoppler) {
      const pdf = await browser.get(`/lettre/${id}.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(await pdfImages(pdf.rawPayload), 1, 'the PDF embeds the image');
    }
    // An image an item shows is kept; taken out of the item, it can go.
    const kept = await browser.post(`/gestion/lettre/${id}/images/${imageId}/suppression`, {});
    assert.equal(kept.statusCode, 409);
    await browser.post(`/gestion/lettre/${id}/modifier`, { ...form, content: '' });
    assert.equal(
      (await browser.post(`/gestion/lettre/${id}/images/${imageId}/suppression`, {})).statusCode,
      303,
    );
    assert.equal((await new Browser(app).get(`/lettre/images/${imageId}`)).statusCode, 404);
  });

  it('lets staff write, publish, take back and delete an issue; a draft is theirs alone', async () => {
    const browser = await signedInBrowser(t, staff);
    const form = {
      title: 'Mars & Avril 2031',
      periodStart: period.start,
      periodEnd: period.end,
      editorial: 'Le printemps du réseau.',
      editorialAuthor: 'La directrice générale',
      content: 'Texte perdu\n## Informations du réseau',
    };
    await browser.get('/gestion/lettre/nouvelle');
    const refused = await browser.post('/gestion/lettre/nouvelle', form);
    assert.equal(refused.statusCode, 400);
    assert.match(
      parse(refused.body).querySelector('#content-error')!.text,
      /Ligne 1 : ce texte n’appartient à aucun article/,
    );
    assert.equal(parse(refused.body).querySelector('#content')!.text, form.content);

    const content =
      '## Informations du réseau\n\n### Les Rencontres\n\nInscriptions <script>alert(1)</script> **ouvertes**.\n\nLien : https://raict.org';
    const created = await browser.post('/gestion/lettre/nouvelle', { ...form, content });
    assert.equal(created.statusCode, 303, created.body);
    const id = (created.headers.location as string).split('/')[3]!.split('?')[0]!;
    const manage = pageText((await browser.get(`/gestion/lettre/${id}`)).body);
    assert.match(
      manage,
      /Brouillon · période du 1 mars 2031 au 30 avril 2031 · 1 rubrique, 1 article, 3 événements à l’agenda/,
    );

    const visitor = new Browser(app);
    assert.equal((await visitor.get(`/lettre/${id}`)).statusCode, 404, 'a draft is not found');
    const member = await signedInBrowser(
      t,
      await buildElected(db, (await buildLocalGovernment(db, { member: true })).id),
    );
    assert.equal((await member.get(`/lettre/${id}`)).statusCode, 404);
    assert.doesNotMatch((await visitor.get('/lettre')).body, new RegExp(id));

    assert.equal(
      (await browser.post(`/gestion/lettre/${id}/publication`, { publier: 'peut-être' })).statusCode,
      400,
    );
    assert.equal(
      (await browser.post(`/gestion/lettre/${id}/publication`, { publier: 'oui' })).statusCode,
      303,
    );
    const web = await visitor.get(`/lettre/${id}`);
    assert.equal(web.statusCode, 200);
    const root = parse(web.body);
    assert.equal(root.querySelectorAll('script').length, 0, 'no script from the text');
    assert.match(
      root.querySelector('article')!.innerHTML,
      /&lt;script&gt;alert\(1\)&lt;\/script&gt; <strong>ouvertes<\/strong>/,
    );
    const text = pageText(web.body);
    assert.match(text, /Pour plus d’informations :\s*https:\/\/raict\.org/);
    assert.match(
      text,
      /Mars 2031\s*Mercredi 5 mars 2031\s*Décryptage thématique, en visioconférence \(réservé aux adhérents de CUF\)/,
    );
    assert.doesNotMatch(text, /Comité restreint|Avant la période/);
    assert.match(
      text,
      /Autres dates à retenir\s*Rencontres de l’AICT, à Paris, du mardi 8 au mercredi 9 juillet 2031/,
    );
    assert.match(
      text,
      /Le réseau ne vous demande jamais vos coordonnées personnelles ni bancaires par courriel/,
    );
    assert.match((await visitor.get('/lettre')).body, new RegExp(`href="/lettre/${id}"`));
    // The Atom feed, read by an independent feed parser: the issue published, never a draft.
    const atom = await visitor.get('/lettre/flux.atom');
    assert.match(String(atom.headers['content-type']), /^application\/atom\+xml/);
    const feed = parseFeed(atom.body);
    assert.match(feed.title ?? '', /^La Lettre de /);
    const entry = feed.items.find((item) => item.url?.endsWith(`/lettre/${id}`));
    assert.ok(entry, 'the published issue is in the feed');
    assert.equal(entry.title, form.title);
    assert.ok(entry.published instanceof Date);

    const kept = await browser.post(`/gestion/lettre/${id}/suppression`, {});
    assert.equal(kept.statusCode, 409);
    assert.match(pageText(kept.body), /Cette Lettre est publiée : elle reste dans les archives/);
    assert.ok(await getIssue(db, id));

    // Changed through its form: the text box shows the content as it was written.
    const edit = parse((await browser.get(`/gestion/lettre/${id}/modifier`)).body);
    assert.equal(edit.querySelector('#content')!.text, content);
    const changed = await browser.post(`/gestion/lettre/${id}/modifier`, {
      ...form,
      title: 'Mars-avril 2031',
      content,
    });
    assert.equal(changed.statusCode, 303);
    assert.equal((await getIssue(db, id))?.issue.title, 'Mars-avril 2031');

    assert.equal(
      (await browser.post(`/gestion/lettre/${id}/publication`, { publier: 'non' })).statusCode,
      303,
    );
    assert.equal((await visitor.get(`/lettre/${id}`)).statusCode, 404);
    assert.equal((await browser.post(`/gestion/lettre/${id}/suppression`, {})).statusCode, 303);
    assert.equal(await getIssue(db, id), undefined);
  });
});
