// The web version of an issue of « La Lettre » (its archive page): the editorial, the sections and their
// items, the agenda of the period generated from the events (by month, then by day), « autres dates à
// retenir », and the network's warning against fraudulent mails (seed 004).
import { formatDate } from '../../../platform/time.ts';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { renderMarkdown } from '../../content/markdown.ts';
import { RichText } from '../../content/views/texts.tsx';
import type { AgendaMonth, LaterDate } from '../agenda.ts';
import { imageHref } from '../images.ts';
import type { Issue, IssueDocument } from '../issues.ts';
import type { LiveRecord } from '../live.ts';

export const issueHref = (id: string) => `/lettre/${id}`;

/** « du 1er novembre 2025 au 31 décembre 2025 ». */
export const periodOf = (issue: Pick<Issue, 'periodStart' | 'periodEnd'>) =>
  `du ${formatDate(issue.periodStart)} au ${formatDate(issue.periodEnd)}`;

function AgendaLineText(props: { title: string; where: string; audience: string | undefined; href: string }) {
  return (
    <>
      <a href={props.href}>{props.title}</a>, {props.where}
      {props.audience ? ` (${props.audience})` : ''}
    </>
  );
}

export function Agenda(props: { months: AgendaMonth[]; later: LaterDate[] }) {
  return (
    <section aria-labelledby="agenda">
      <h2 id="agenda">Agenda</h2>
      {props.months.length === 0 ? <p>Aucun événement du réseau sur la période.</p> : null}
      {props.months.map((month) => (
        <section key={month.label} aria-label={month.label}>
          <h3>{month.label}</h3>
          {month.days.map((day) => (
            <div key={day.label}>
              <h4>{day.label}</h4>
              <ul>
                {day.lines.map((line) => (
                  <li key={line.id}>
                    <AgendaLineText {...line} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      {props.later.length ? (
        <>
          <h3>Autres dates à retenir</h3>
          <ul>
            {props.later.map((line) => (
              <li key={line.id}>
                <AgendaLineText {...line} />, {line.when}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** What an item's record says today: « Événement : … — Jeudi 11 décembre 2025, 14 h – 17 h ; À Paris ». */
function Live({ record }: { record: LiveRecord | undefined }) {
  if (!record) return null;
  return (
    <p class="notice">
      <strong>
        {record.kind} : {record.title}
      </strong>
      {record.facts.map((fact) => (
        <span key={fact}>
          <br />
          {fact}
        </span>
      ))}
    </p>
  );
}

export function IssuePage(props: {
  ctx: PageContext;
  document: IssueDocument;
  months: AgendaMonth[];
  later: LaterDate[];
  /** For staff: the issue is a draft that nobody else sees. */
  draft: boolean;
  /** The live data of the records items point to, by item id. */
  live: Map<string, LiveRecord>;
}) {
  const { issue, sections } = props.document;
  return (
    <Layout ctx={props.ctx} title={`${issue.title} — La Lettre`}>
      <p>
        <a href="/lettre">← Toutes les Lettres</a>
      </p>
      {props.draft ? (
        <p class="notice" role="status">
          Brouillon : seule l’équipe du réseau voit cette page.{' '}
          <a href={`/gestion/lettre/${issue.id}`}>Gérer</a>
        </p>
      ) : null}
      <p class="muted">La Lettre de Cités Unies France</p>
      <h1>{issue.title}</h1>
      <p>
        Période {periodOf(issue)}. <a href={`/lettre/${issue.id}.pdf`}>Version PDF à imprimer</a>
      </p>
      {issue.editorial ? (
        <section aria-labelledby="editorial">
          <h2 id="editorial">Éditorial</h2>
          <RichText html={renderMarkdown(issue.editorial)} />
          {issue.editorialAuthor ? <p class="muted">{issue.editorialAuthor}</p> : null}
        </section>
      ) : null}
      {sections.map((section, s) => (
        <section key={section.id} aria-labelledby={`rubrique-${s + 1}`}>
          <h2 id={`rubrique-${s + 1}`}>{section.title}</h2>
          {section.items.map((item) => (
            <article key={item.id}>
              <h3>{item.title}</h3>
              {item.imageId ? (
                <img class="letter-image" src={imageHref(item.imageId)} alt={item.imageAlt ?? ''} />
              ) : null}
              <RichText html={renderMarkdown(item.body)} />
              <Live record={props.live.get(item.id)} />
              {item.link ? (
                <p>
                  Pour plus d’informations : <a href={item.link}>{item.link}</a>
                </p>
              ) : null}
            </article>
          ))}
        </section>
      ))}
      <Agenda months={props.months} later={props.later} />
      <aside aria-labelledby="vigilance" class="notice">
        <h2 id="vigilance">Vigilance : courriels frauduleux</h2>
        <p>
          Des courriels frauduleux circulent au nom de membres de l’équipe de Cités Unies France. Le réseau ne
          vous demande jamais vos coordonnées personnelles ni bancaires par courriel. En cas de doute,
          appelez-nous ou signalez-le sur cybermalveillance.gouv.fr.
        </p>
      </aside>
    </Layout>
  );
}

export function ArchivePage(props: { ctx: PageContext; issues: Issue[] }) {
  return (
    <Layout ctx={props.ctx} title="La Lettre de Cités Unies France">
      <h1>La Lettre de Cités Unies France</h1>
      <p>
        Les nouvelles du réseau, les rendez-vous des groupes-pays et des dynamiques thématiques, l’agenda de
        la période : chaque numéro de la Lettre, en version web.
      </p>
      <p>
        <a class="button" href="/lettre/abonnement">
          S’abonner à La Lettre
        </a>{' '}
        <a href="/lettre/flux.atom" type="application/atom+xml">
          Suivre par flux Atom
        </a>
      </p>
      {props.issues.length === 0 ? (
        <p>Aucune Lettre publiée pour l’instant.</p>
      ) : (
        <ul>
          {props.issues.map((issue) => (
            <li key={issue.id}>
              <a href={issueHref(issue.id)}>{issue.title}</a> — période {periodOf(issue)}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
