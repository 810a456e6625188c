import type { ComponentChildren } from 'preact';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { PersonalData } from '../personal-data.ts';

/** Any exported value, readable: lists for arrays, definition lists for objects, text for the rest. */
function Value({ value }: { value: unknown }): ComponentChildren {
  if (value === null || value === undefined || value === '') return <span class="muted">—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span class="muted">aucun</span>;
    return (
      <ol>
        {value.map((item) => (
          <li>
            <Value value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    return (
      <dl class="facts">
        {Object.entries(value as Record<string, unknown>).map(([key, item]) => (
          <>
            <dt key={`${key}-t`}>{key}</dt>
            <dd key={`${key}-d`}>
              <Value value={item} />
            </dd>
          </>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}

export function PersonalDataPage(props: {
  ctx: PageContext;
  data: PersonalData;
  /** The JSON file's address. */
  download: string;
  /** Staff's view of someone else's data: where to erase. */
  erase?: string;
}) {
  const { data } = props;
  return (
    <Layout ctx={props.ctx} title="Données personnelles">
      <h1>Données personnelles de {`${data.person.prénom} ${data.person.nom}`}</h1>
      <p>
        Tout ce que la plateforme de {props.ctx.network.name} garde sur cette personne, le{' '}
        {new Date(data.exportedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}.{' '}
        <a href={props.download} download>
          Télécharger ces données (fichier JSON, lisible par d’autres logiciels)
        </a>
      </p>
      <h2>Identité</h2>
      <Value value={data.person} />
      {data.sections.map((section) => (
        <section key={section.title}>
          <h2>{section.title}</h2>
          <Value value={section.data} />
        </section>
      ))}
      {props.erase ? (
        <p>
          <a class="button button-secondary" href={props.erase}>
            Effacer cette personne…
          </a>
        </p>
      ) : (
        <p>
          Pour faire corriger ou effacer ces données, écrivez à{' '}
          <a href={`mailto:${props.ctx.network.email}`}>{props.ctx.network.email}</a>.
        </p>
      )}
    </Layout>
  );
}

export function ErasePersonPage(props: { ctx: PageContext; personId: string; name: string; error?: string }) {
  return (
    <Layout ctx={props.ctx} title="Effacer une personne">
      <h1>Effacer {props.name}</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <p>À la demande de la personne (RGPD, article 17). Après l’effacement :</p>
      <ul>
        <li>son nom, son adresse, ses mandats, son compte et ses courriels sont effacés ;</li>
        <li>
          ses inscriptions, présences et candidatures ne la nomment plus (les comptes du passé restent justes)
          ;
        </li>
        <li>
          un certificat délivré reste vérifiable, sans son nom ; le journal des modifications ne la nomme
          plus.
        </li>
      </ul>
      <p>
        <strong>On ne peut pas revenir en arrière.</strong>
      </p>
      <form method="post" action={`/gestion/personnes/${props.personId}/effacement`}>
        <CsrfField ctx={props.ctx} />
        <label class="checkbox">
          <input type="checkbox" name="confirm" value="oui" required /> J’ai la demande de la personne et je
          confirme l’effacement
        </label>
        <p>
          <button type="submit">Effacer définitivement</button>
        </p>
      </form>
    </Layout>
  );
}
