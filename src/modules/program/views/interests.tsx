// The expressions of interest of an edition, on its staff page: how many, the invitation to apply, a page
// of the list, the exports.
import type { Paged } from '../../../platform/pagination.ts';
import { formatDate } from '../../../platform/time.ts';
import { CsrfField, type PageContext } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import type { Program } from '../programs.ts';
import { plural } from './parts.tsx';

export interface InterestRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  organisationName: string;
  mandate: string;
  createdAt: Date;
  confirmedAt: Date | null;
  invitedAt: Date | null;
}

export function InterestsSection(props: {
  ctx: PageContext;
  program: Program;
  interests: Paged<InterestRow>;
  /** Not yet invited, in the whole list. */
  pending: number;
  /** Addresses not confirmed yet (not listed, never invited; deleted after 7 days). */
  unconfirmed: number;
  /** Invitations say that applications are open: they leave only while they are. */
  canInvite: boolean;
  /** The address of a page of the list. */
  pageUrl: (page: number) => string;
}) {
  const { interests, pending } = props;
  const base = `/gestion/parcours/${props.program.id}`;
  return (
    <section aria-labelledby="interets">
      <h2 id="interets">Manifestations d’intérêt ({interests.total})</h2>
      <p>
        Seules les adresses confirmées par leur titulaire sont listées, exportées et invitées
        {props.unconfirmed
          ? ` ; ${plural(props.unconfirmed, 'autre attend', 'autres attendent')} sa confirmation (effacée après 7 jours sans elle).`
          : '.'}
      </p>
      <p>
        Exporter : <a href={`${base}/interets.csv`}>CSV</a>, <a href={`${base}/interets.xlsx`}>Excel</a>
      </p>
      {pending > 0 && !props.canInvite ? (
        <p>
          {plural(pending, 'personne n’est pas encore invitée', 'personnes ne sont pas encore invitées')} à
          candidater. L’invitation annonce que les candidatures sont ouvertes : elle ne peut partir que
          pendant la période de candidature.
        </p>
      ) : pending > 0 ? (
        <form method="post" action={`${base}/invitations`}>
          <CsrfField ctx={props.ctx} />
          <p class="hint">Chaque personne reçoit un courriel avec le lien pour candidater, une seule fois.</p>
          <button type="submit">
            Inviter {pending === 1 ? 'la personne' : `les ${pending} personnes`} à candidater
          </button>
        </form>
      ) : interests.total ? (
        <p>Toutes les personnes intéressées ont été invitées à candidater.</p>
      ) : null}
      {interests.items.length ? (
        <div class="table-scroll">
          <table>
            <caption>Personnes intéressées, dans l’ordre d’arrivée</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse électronique</th>
                <th scope="col">Collectivité</th>
                <th scope="col">Mandat</th>
                <th scope="col">Reçue le</th>
                <th scope="col">Confirmée le</th>
                <th scope="col">Invitée le</th>
              </tr>
            </thead>
            <tbody>
              {interests.items.map((i) => (
                <tr key={i.id}>
                  <td>{`${i.firstName} ${i.lastName}`}</td>
                  <td>{i.email}</td>
                  <td>{i.organisationName}</td>
                  <td>{i.mandate}</td>
                  <td>{formatDate(i.createdAt)}</td>
                  <td>{i.confirmedAt ? formatDate(i.confirmedAt) : '—'}</td>
                  <td>{i.invitedAt ? formatDate(i.invitedAt) : <span class="muted">pas encore</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination paged={interests} query={props.pageUrl} label="Pages des personnes intéressées" />
    </section>
  );
}
