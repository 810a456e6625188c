// The instructors' page of a call's leaves (« dérogations »): the towns allowed more than one dossier, how
// many they made, why and by whom; each changed or withdrawn; a town found by name, SIREN or INSEE code and
// allowed more.
import { formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import type { Organisation } from '../../organisations/organisations.ts';
import { OrganisationSearch } from '../../organisations/views/organisation-search.tsx';
import type { AllowanceRow } from '../allowances.ts';
import { callName } from '../applicant-queries.ts';
import type { Call } from '../calls.ts';
import { callPath } from './staff.tsx';

export const allowancesPath = (callId: string) => `${callPath(callId)}/derogations`;

/** What the grant form shows: the town chosen, the number and the reason as typed. */
export interface AllowanceValues {
  organisationId: string;
  dossiers: string;
  reason: string;
}

export function AllowancesPage(props: {
  ctx: PageContext;
  call: Call;
  rows: AllowanceRow[];
  /** The search typed, and the towns it finds (the first ones by name). */
  q: string;
  found: { items: Organisation[]; total: number };
  values: AllowanceValues;
  errors?: Record<string, string> | undefined;
  notice?: string | undefined;
}) {
  const { call, rows, found } = props;
  const path = allowancesPath(call.id);
  const e = props.errors ?? {};
  return (
    <Layout ctx={props.ctx} title={`${callName(call)} — dossiers supplémentaires`} notice={props.notice}>
      <p>
        <a href={callPath(call.id)}>← Les dossiers de l’appel</a>
      </p>
      <h1>Dossiers supplémentaires — {callName(call)}</h1>
      <p>
        La règle : un dossier par collectivité et par appel. Une collectivité qui porte plusieurs projets peut
        en déposer davantage si l’équipe l’autorise ici, avec une raison. Réduire ou retirer une dérogation ne
        supprime aucun dossier : elle ne descend pas sous le nombre de dossiers déjà ouverts.
      </p>
      <ErrorSummary errors={props.errors} />
      {rows.length === 0 ? (
        <p>Aucune dérogation pour cet appel.</p>
      ) : (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>Les collectivités autorisées à déposer plus d’un dossier, par nom</caption>
            <thead>
              <tr>
                <th scope="col">Collectivité</th>
                <th scope="col">Dossiers autorisés</th>
                <th scope="col">Dossiers ouverts</th>
                <th scope="col">Raison</th>
                <th scope="col">Accordée</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.organisationId}>
                  <th scope="row" class="name">
                    {row.organisationName}
                  </th>
                  <td data-label="Dossiers autorisés">{row.dossiers}</td>
                  <td data-label="Dossiers ouverts">{row.made}</td>
                  <td data-label="Raison">{row.reason}</td>
                  <td data-label="Accordée">
                    le {formatDateTime(row.grantedAt)}
                    {row.grantedByName ? ` par ${row.grantedByName}` : ''}
                  </td>
                  <td data-label="Actions">
                    <form method="post" action={path}>
                      <CsrfField ctx={props.ctx} />
                      <input type="hidden" name="organisationId" value={row.organisationId} />
                      <input type="hidden" name="reason" value={row.reason} />
                      <Field
                        name="dossiers"
                        id={`dossiers-${row.organisationId}`}
                        label={`Nombre autorisé pour ${row.organisationName}`}
                        type="number"
                        value={String(row.dossiers)}
                      />
                      <button type="submit" class="button-secondary">
                        Changer
                      </button>
                    </form>
                    <form method="post" action={`${path}/${row.organisationId}/retrait`}>
                      <CsrfField ctx={props.ctx} />
                      <button type="submit" class="button-secondary">
                        Revenir à un dossier
                        <span class="visually-hidden"> pour {row.organisationName}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="autoriser">Autoriser une collectivité</h2>
      <OrganisationSearch
        action={`${path}#autoriser`}
        what="une collectivité"
        q={props.q}
        total={found.total}
        shown={found.items.length}
        order="par nom"
      />
      <form method="post" action={path}>
        <CsrfField ctx={props.ctx} />
        <Select
          name="organisationId"
          label="Collectivité"
          required
          empty="Choisir…"
          options={found.items.map((o) => [o.id, o.name] as const)}
          value={props.values.organisationId}
          error={e.organisationId}
        />
        <Field
          name="dossiers"
          label="Nombre de dossiers autorisés pour cet appel"
          type="number"
          required
          hint="De 2 à 10."
          value={props.values.dossiers}
          error={e.dossiers}
        />
        <TextArea
          name="reason"
          label="Raison"
          required
          hint="Par exemple : deux projets distincts, avec deux partenaires. Les instructeurs la lisent ; la collectivité voit seulement le nombre autorisé."
          value={props.values.reason}
          error={e.reason}
          rows={2}
        />
        <button type="submit">Autoriser</button>
      </form>
    </Layout>
  );
}
