// The Lettre as a mail: HTML that common clients render (one table of at most 600 px, inline styles, colours
// set on every block so that a client's dark mode cannot leave dark text on a dark background, no resource
// but the platform's own) and a plain-text part from the same words (the items' Markdown reads as text).
// Rendered once per sending; each reader's links go where the placeholders are (`personalise`).
import { network } from '../../platform/identity.ts';
import { verificationPlaceholders as check, escapeHtml } from '../../platform/mail/mail.tsx';
import { renderToString } from '../../platform/views/render.tsx';
import { renderMarkdown } from '../content/markdown.ts';
import type { AgendaMonth, LaterDate } from './agenda.ts';
import { imageHref } from './images.ts';
import type { IssueDocument } from './issues.ts';
import type { LiveRecord } from './live.ts';
import { periodOf } from './views/issue.tsx';

/** What each reader's copy gets in place of the placeholders. */
export interface ReaderLinks {
  unsubscribe: string;
  preferences: string;
}

/**
 * The placeholders of a sending: they name the sending, which no text of the issue can know beforehand, so
 * that an item cannot carry (or mimic) a reader's link.
 */
const placeholders = (sendId: string) => ({
  unsubscribe: `[[desabonnement:${sendId}]]`,
  preferences: `[[preferences:${sendId}]]`,
});

/** The reader's copy of a sending's mail (HTML or text): their own links put in. */
export function personalise(body: string, sendId: string, links: ReaderLinks, html: boolean): string {
  const encode = html ? escapeHtml : (v: string) => v;
  const p = placeholders(sendId);
  return body
    .replaceAll(p.unsubscribe, encode(links.unsubscribe))
    .replaceAll(p.preferences, encode(links.preferences));
}

const colours = { text: '#1e1e1e', muted: '#4a4a4a', paper: '#ffffff', band: '#1a3d8f', onBand: '#ffffff' };
const font = 'font-family: Arial, Helvetica, sans-serif;';
const cell = `${font} color: ${colours.text}; background-color: ${colours.paper}; font-size: 16px; line-height: 1.5; padding: 8px 24px;`;
const heading = (size: number) =>
  `${font} color: ${colours.band}; font-size: ${size}px; line-height: 1.3; margin: 16px 0 8px;`;

/** Site paths of the Markdown (« /agenda/… ») made absolute: a mail has no site to be relative to. */
const absolute = (html: string, baseUrl: string) => html.replaceAll('href="/', `href="${baseUrl}/`);

export interface LetterMail {
  subject: string;
  html: string;
  text: string;
}

export function renderLetterMail(props: {
  sendId: string;
  document: IssueDocument;
  months: AgendaMonth[];
  later: LaterDate[];
  live: Map<string, LiveRecord>;
  baseUrl: string;
}): LetterMail {
  /** A link to a page of the platform (« /agenda/… ») made absolute. */
  const href = (link: string) => (link.startsWith('/') ? `${props.baseUrl}${link}` : link);
  const { issue, sections } = props.document;
  const n = network();
  const p = placeholders(props.sendId);
  const webUrl = `${props.baseUrl}/lettre/${issue.id}`;
  const subject = `${issue.title} — La Lettre de ${n.name}`;
  const warning = `Des courriels frauduleux circulent au nom de membres de l’équipe de ${n.name}. Le réseau ne vous demande jamais vos coordonnées personnelles ni bancaires par courriel. En cas de doute, appelez-nous au ${n.phone} ou consultez cybermalveillance.gouv.fr.`;
  const why = `Vous recevez cette Lettre parce que vous vous y êtes abonné·e avec cette adresse.`;
  const Row = (row: { children: unknown; style?: string }) => (
    <tr>
      <td style={row.style ?? cell}>{row.children as never}</td>
    </tr>
  );
  const html = `<!doctype html>${renderToString(
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        <title>{subject}</title>
      </head>
      <body style={`margin: 0; padding: 0; background-color: #eef1f6; ${font}`}>
        <table
          role="presentation"
          width="100%"
          cellpadding="0"
          cellspacing="0"
          style="background-color: #eef1f6;"
        >
          <tr>
            <td align="center" style="padding: 16px 8px;">
              <table
                role="presentation"
                width="600"
                cellpadding="0"
                cellspacing="0"
                style={`width: 100%; max-width: 600px; background-color: ${colours.paper};`}
              >
                <Row style={`${cell} font-size: 13px; color: ${colours.muted};`}>
                  Lettre de la période {periodOf(issue)}.{' '}
                  <a href={webUrl} style={`color: ${colours.band};`}>
                    Lire la version en ligne
                  </a>
                </Row>
                <Row
                  style={`${font} background-color: ${colours.band}; color: ${colours.onBand}; padding: 20px 24px;`}
                >
                  <p style={`margin: 0; font-size: 14px; color: ${colours.onBand};`}>La Lettre de {n.name}</p>
                  <h1
                    style={`margin: 4px 0 0; font-size: 26px; line-height: 1.25; color: ${colours.onBand};`}
                  >
                    {issue.title}
                  </h1>
                </Row>
                {issue.editorial ? (
                  <Row>
                    <h2 style={heading(20)}>Éditorial</h2>
                    <div
                      dangerouslySetInnerHTML={{
                        __html: absolute(renderMarkdown(issue.editorial), props.baseUrl),
                      }}
                    />
                    {issue.editorialAuthor ? (
                      <p style={`color: ${colours.muted};`}>{issue.editorialAuthor}</p>
                    ) : null}
                  </Row>
                ) : null}
                {sections.map((section) => (
                  <Row key={section.id}>
                    <h2 style={heading(22)}>{section.title}</h2>
                    {section.items.map((item) => (
                      <div key={item.id}>
                        <h3 style={heading(18)}>{item.title}</h3>
                        {item.imageId ? (
                          <img
                            src={`${props.baseUrl}${imageHref(item.imageId)}`}
                            alt={item.imageAlt ?? ''}
                            width={552}
                            style="display: block; width: 100%; max-width: 552px; height: auto; border: 0;"
                          />
                        ) : null}
                        <div
                          dangerouslySetInnerHTML={{
                            __html: absolute(renderMarkdown(item.body), props.baseUrl),
                          }}
                        />
                        {props.live.get(item.id) ? (
                          <p style={`border-left: 4px solid ${colours.band}; padding-left: 8px;`}>
                            <strong>
                              {props.live.get(item.id)!.kind} : {props.live.get(item.id)!.title}
                            </strong>
                            {props.live.get(item.id)!.facts.map((fact) => (
                              <span key={fact}>
                                <br />
                                {fact}
                              </span>
                            ))}
                          </p>
                        ) : null}
                        {item.link ? (
                          <p>
                            Pour plus d’informations :{' '}
                            <a href={href(item.link)} style={`color: ${colours.band};`}>
                              {href(item.link)}
                            </a>
                          </p>
                        ) : null}
                      </div>
                    ))}
                  </Row>
                ))}
                <Row>
                  <h2 style={heading(22)}>Agenda</h2>
                  {props.months.length === 0 ? <p>Aucun événement du réseau sur la période.</p> : null}
                  {props.months.map((month) => (
                    <div key={month.label}>
                      <h3 style={heading(18)}>{month.label}</h3>
                      {month.days.map((day) => (
                        <div key={day.label}>
                          <p style="margin: 8px 0 0; font-weight: bold;">{day.label}</p>
                          <ul style="margin: 4px 0; padding-left: 20px;">
                            {day.lines.map((line) => (
                              <li key={line.id}>
                                <a href={line.href} style={`color: ${colours.band};`}>
                                  {line.title}
                                </a>
                                , {line.where}
                                {line.audience ? ` (${line.audience})` : ''}
                              </li>
                            ))}
                          </ul>
                        </div>
                      ))}
                    </div>
                  ))}
                  {props.later.length ? (
                    <>
                      <h3 style={heading(18)}>Autres dates à retenir</h3>
                      <ul style="margin: 4px 0; padding-left: 20px;">
                        {props.later.map((line) => (
                          <li key={line.id}>
                            <a href={line.href} style={`color: ${colours.band};`}>
                              {line.title}
                            </a>
                            , {line.where}
                            {line.audience ? ` (${line.audience})` : ''}, {line.when}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </Row>
                <Row style={`${cell} background-color: #fff4e5; color: ${colours.text};`}>
                  <p style="margin: 8px 0;">
                    <strong>Vigilance : courriels frauduleux.</strong> {warning}
                  </p>
                </Row>
                <Row style={`${cell} font-size: 13px; color: ${colours.muted};`}>
                  <p style="margin: 8px 0;">
                    {why}{' '}
                    <a href={p.preferences} style={`color: ${colours.band};`}>
                      Choisir ce que je reçois
                    </a>{' '}
                    ·{' '}
                    <a href={p.unsubscribe} style={`color: ${colours.band};`}>
                      Me désabonner
                    </a>
                  </p>
                  <p style="margin: 8px 0;">
                    Code de vérification de ce courriel : {check.code} —{' '}
                    <a href={check.url} style={`color: ${colours.band};`}>
                      Vérifier l’authenticité de ce courriel
                    </a>
                  </p>
                  <p style="margin: 8px 0;">
                    {n.name} · {n.address} · {n.phone} ·{' '}
                    <a href={n.website} style={`color: ${colours.band};`}>
                      {n.website}
                    </a>
                  </p>
                </Row>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>,
  )}`;
  const agendaText = [
    'AGENDA',
    ...(props.months.length ? [] : ['Aucun événement du réseau sur la période.']),
    ...props.months.flatMap((month) => [
      '',
      month.label,
      ...month.days.flatMap((day) => [
        `  ${day.label}`,
        ...day.lines.map(
          (l) => `  - ${l.title}, ${l.where}${l.audience ? ` (${l.audience})` : ''} : ${l.href}`,
        ),
      ]),
    ]),
    ...(props.later.length
      ? [
          '',
          'Autres dates à retenir',
          ...props.later.map(
            (l) => `  - ${l.title}, ${l.where}${l.audience ? ` (${l.audience})` : ''}, ${l.when} : ${l.href}`,
          ),
        ]
      : []),
  ];
  const text = [
    `La Lettre de ${n.name}`,
    issue.title,
    `Lettre de la période ${periodOf(issue)}. Version en ligne : ${webUrl}`,
    '',
    ...(issue.editorial
      ? ['ÉDITORIAL', '', issue.editorial, ...(issue.editorialAuthor ? [issue.editorialAuthor] : []), '']
      : []),
    ...sections.flatMap((section) => [
      section.title.toUpperCase(),
      '',
      ...section.items.flatMap((item) => [
        item.title,
        '',
        ...(item.imageId ? [`[Image : ${item.imageAlt}]`, ''] : []),
        item.body,
        ...(props.live.has(item.id)
          ? [
              `${props.live.get(item.id)!.kind} : ${props.live.get(item.id)!.title}`,
              ...props.live.get(item.id)!.facts,
            ]
          : []),
        ...(item.link ? [`Pour plus d’informations : ${href(item.link)}`] : []),
        '',
      ]),
    ]),
    ...agendaText,
    '',
    `Vigilance : ${warning}`,
    '',
    why,
    `Choisir ce que je reçois : ${p.preferences}`,
    `Me désabonner : ${p.unsubscribe}`,
    `Code de vérification de ce courriel : ${check.code} — vérifiez qu’il vient bien de nous : ${check.url}`,
    '',
    `— ${n.name}`,
    `${n.address} · ${n.phone} · ${n.website}`,
  ].join('\n');
  return { subject, html, text };
}
