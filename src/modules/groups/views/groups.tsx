// The groups' pages for everyone: « Groupes » (by kind, each chair and next meeting), a group's page (its
// public view, and the members' view: roadmap, documents for members, followers), « Mes groupes ».
import { countryName } from '../../../platform/countries.ts';
import { formatDate, formatWhen } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext, Select } from '../../../platform/views/layout.tsx';
import type { Person } from '../../organisations/people.ts';
import type { ChairState } from '../chairs.ts';
import { documentKindLabels, visibilityLabels } from '../documents.ts';
import type { GroupPageData, GroupSummary, MyGroupRow } from '../groups.queries.ts';
import { groupKinds } from '../groups.schema.ts';
import { type Group, groupKindHeadings, groupTitle } from '../groups.ts';
import { roadmapStatusLabels } from '../roadmap.ts';

/** « Présidé par Karima Zerkani-Raynal (Aix-en-Provence) depuis le 1er janvier 2024 », or « à pourvoir ». */
export function ChairLine({ chair, organisation }: { chair: ChairState; organisation: string | null }) {
  if (chair.state === 'none') return <span class="muted">Présidence non renseignée</span>;
  if (chair.state === 'vacant') return <strong>Présidence à pourvoir</strong>;
  const { person, startsOn } = chair.term;
  return (
    <span>
      Présidé par {person ? `${person.firstName} ${person.lastName}` : '—'}, {chair.mandateTitle}
      {organisation ? `, ${organisation}` : ''} — depuis le {formatDate(startsOn)}
    </span>
  );
}

const href = (group: Group) => `/groupes/${group.slug}`;

/** « Prochaine réunion : mardi 16 décembre 2025 », linked to the event, or that none is announced. */
function NextMeeting({ event }: { event: GroupSummary['nextMeeting'] }) {
  if (!event) return <span class="muted">Pas de réunion annoncée</span>;
  return (
    <>
      Prochaine réunion : <a href={`/agenda/${event.id}`}>{formatWhen(event.startsAt, event.endsAt)}</a>
    </>
  );
}

export function GroupsPage(props: { ctx: PageContext; rows: GroupSummary[]; notice?: string | undefined }) {
  return (
    <Layout ctx={props.ctx} title="Groupes" notice={props.notice}>
      <h1>Groupes</h1>
      <p>
        Les groupes-pays, les dynamiques thématiques et les missions transversales réunissent les
        collectivités du réseau autour d’un pays, d’une région du monde ou d’un enjeu. Chacun est présidé par
        un·e élu·e d’une collectivité adhérente.
      </p>
      {props.rows.length === 0 ? <p>Aucun groupe pour le moment.</p> : null}
      {groupKinds.map((kind) => {
        const rows = props.rows.filter((r) => r.group.kind === kind);
        if (rows.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`groupes-${kind}`}>
            <h2 id={`groupes-${kind}`}>{groupKindHeadings[kind]}</h2>
            <ul class="cards">
              {rows.map((r) => (
                <li key={r.group.id} class="card">
                  <h3>
                    <a href={href(r.group)}>{r.group.name}</a>
                    {r.group.status === 'dormant' ? <span class="muted"> (en sommeil)</span> : null}
                  </h3>
                  <p>
                    <ChairLine chair={r.chair} organisation={r.chairOrganisation} />
                  </p>
                  <p>
                    <NextMeeting event={r.nextMeeting} />
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}

function MeetingList({ events, empty }: { events: GroupPageData['meetings']['next']; empty: string }) {
  if (events.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul>
      {events.map((e) => (
        <li key={e.id}>
          <a href={`/agenda/${e.id}`}>{e.title}</a> —{' '}
          <time dateTime={e.startsAt.toISOString()}>
            {formatWhen(e.startsAt, e.endsAt, { withHours: true })}
          </time>
          {e.cancelledAt ? ' (annulée)' : ''}
        </li>
      ))}
    </ul>
  );
}

export function GroupPage(props: {
  ctx: PageContext;
  data: GroupPageData;
  colleagues: Person[] | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { data, ctx } = props;
  const { group } = data;
  const base = href(group);
  return (
    <Layout ctx={ctx} title={groupTitle(group)} notice={props.notice}>
      <p>
        <a href="/groupes">← Groupes</a>
      </p>
      <h1>{groupTitle(group)}</h1>
      {props.error ? (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      ) : null}
      <dl class="facts">
        <dt>Présidence</dt>
        <dd>
          <ChairLine chair={data.chair} organisation={data.chairOrganisation} />
        </dd>
        {group.countries.length ? (
          <>
            <dt>Pays</dt>
            <dd>{group.countries.map(countryName).join(', ')}</dd>
          </>
        ) : null}
        {group.status === 'dormant' ? (
          <>
            <dt>État</dt>
            <dd>En sommeil</dd>
          </>
        ) : null}
        {data.followers !== undefined ? (
          <>
            <dt>Personnes qui suivent le groupe</dt>
            <dd>{data.followers}</dd>
          </>
        ) : null}
      </dl>
      {group.description ? <p>{group.description}</p> : null}
      {ctx.viewer ? (
        <form method="post" action={`${base}/${data.following ? 'ne-plus-suivre' : 'suivre'}`}>
          <CsrfField ctx={ctx} />
          <button type="submit">{data.following ? 'Ne plus suivre ce groupe' : 'Suivre ce groupe'}</button>
          {data.following ? null : <span class="hint"> Vous recevrez les invitations à ses réunions.</span>}
        </form>
      ) : (
        <p>
          <a href="/connexion">Connectez-vous</a> pour suivre ce groupe et recevoir ses invitations.
        </p>
      )}
      {data.canJoin ? (
        <form method="post" action={`${base}/adhesion`}>
          <CsrfField ctx={ctx} />
          <button type="submit">Inscrire mon organisation au groupe</button>
        </form>
      ) : null}
      {props.colleagues?.length ? (
        <form method="post" action={`${base}/collegues`}>
          <CsrfField ctx={ctx} />
          <Select
            name="personId"
            label="Faire suivre le groupe à un·e collègue"
            options={props.colleagues.map((c) => [c.id, `${c.firstName} ${c.lastName}`] as const)}
            required
          />
          <button type="submit">Ajouter</button>
        </form>
      ) : null}
      <h2>Prochaines réunions</h2>
      <MeetingList events={data.meetings.next} empty="Pas de réunion annoncée." />
      <h2>Collectivités membres</h2>
      {data.members.length ? (
        <ul>
          {data.members.map((o) => (
            <li key={o.id}>{o.name}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">Aucune organisation membre pour le moment.</p>
      )}
      {data.roadmap ? (
        <>
          <h2>Feuille de route</h2>
          {data.roadmap.length ? (
            <ul>
              {data.roadmap.map((item) => (
                <li key={item.id}>
                  {item.title}
                  {item.dueOn ? ` — pour le ${formatDate(item.dueOn)}` : ''} (
                  {roadmapStatusLabels[item.status]})
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">La feuille de route est vide.</p>
          )}
        </>
      ) : null}
      <h2>Documents et comptes rendus</h2>
      {data.documents.length ? (
        <ul>
          {data.documents.map((d) => (
            <li key={d.id}>
              <a href={`${base}/documents/${d.id}`}>{d.title}</a> — {documentKindLabels[d.kind]}
              {data.insider ? `, ${visibilityLabels[d.visibility].toLowerCase()}` : ''} (
              {Math.max(1, Math.round(d.size / 1024))} Ko)
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Aucun document publié.</p>
      )}
      <h2>Réunions passées</h2>
      <MeetingList events={data.meetings.past} empty="Aucune réunion passée enregistrée." />
      <h2>Présidences</h2>
      <ul>
        {data.chairs.map((t) => (
          <li key={t.id}>
            {t.person ? `${t.person.firstName} ${t.person.lastName}` : '—'} : du {formatDate(t.startsOn)}
            {t.endsOn ? ` au ${formatDate(t.endsOn)}` : ' à aujourd’hui'}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function MyGroupsPage(props: { ctx: PageContext; rows: MyGroupRow[]; notice?: string | undefined }) {
  return (
    <Layout ctx={props.ctx} title="Mes groupes" notice={props.notice}>
      <h1>Mes groupes</h1>
      {props.rows.length === 0 ? (
        <p>
          Vous ne suivez aucun groupe. <a href="/groupes">Voir les groupes du réseau</a>.
        </p>
      ) : (
        <ul class="cards">
          {props.rows.map((r) => (
            <li key={r.group.id} class="card">
              <h2>
                <a href={href(r.group)}>{groupTitle(r.group)}</a>
              </h2>
              <p>
                <NextMeeting event={r.nextMeeting} />
              </p>
              {r.following ? (
                <form method="post" action={`${href(r.group)}/ne-plus-suivre`}>
                  <CsrfField ctx={props.ctx} />
                  <input type="hidden" name="retour" value="/mes-groupes" />
                  <button type="submit">Ne plus suivre {groupTitle(r.group)}</button>
                </form>
              ) : (
                <p class="muted">Votre organisation en est membre.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
