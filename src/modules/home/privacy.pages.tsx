// The register of processing activities for staff, and the privacy notice for everyone: both made from
// what each module says of its tables (`Module.privacy`), so that neither can drift from the database.
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, view } from '../../platform/http/pages.tsx';
import { legalBases, type Processing } from '../../platform/privacy.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { StaffNav } from '../../platform/views/staff-nav.tsx';
import type { Site } from '../module.ts';

/** The entries that concern people, one per purpose (several tables may serve one purpose). */
const personalEntries = (register: Processing[]) => register.filter((e) => e.personal.length > 0);

export const privacyPages = (_services: unknown, site: Site) => [
  definePage({
    method: 'GET',
    url: '/confidentialite',
    access: 'public',
    handler: async ({ ctx }) => {
      const entries = personalEntries(site.register());
      return view(
        <Layout ctx={ctx} title="Données personnelles">
          <h1>Vos données personnelles</h1>
          <p>
            {ctx.network.name} ({ctx.network.address}) est responsable des données que la plateforme
            enregistre. Voici, pour chaque usage, ce que nous gardons, pourquoi, combien de temps et qui les
            voit. Cette page est faite à partir du registre de nos traitements : elle dit ce que la plateforme
            fait réellement.
          </p>
          <h2>Ce que nous faisons de vos données</h2>
          <div class="table-scroll">
            <table class="table-cards">
              <caption>Usages de vos données, base légale, durée de conservation et destinataires</caption>
              <thead>
                <tr>
                  <th scope="col">Pourquoi</th>
                  <th scope="col">Base légale</th>
                  <th scope="col">Combien de temps</th>
                  <th scope="col">Qui les voit</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.table}>
                    <td data-label="Pourquoi">{e.purpose}</td>
                    <td data-label="Base légale">{legalBases[e.basis]}</td>
                    <td data-label="Combien de temps">{e.retention}</td>
                    <td data-label="Qui les voit">{e.recipients}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Vos droits</h2>
          <p>
            Vous pouvez obtenir une copie de vos données, les faire corriger ou effacer, vous opposer à un
            usage ou retirer un consentement. Une fois connecté·e, « Mon espace » vous donne la copie de vos
            données ; pour le reste, écrivez à <a href={`mailto:${ctx.network.email}`}>{ctx.network.email}</a>
            . Nous répondons dans le mois. Si notre réponse ne vous satisfait pas, vous pouvez saisir la CNIL
            (www.cnil.fr).
          </p>
        </Layout>,
      );
    },
  }),
  definePage({
    method: 'GET',
    url: '/gestion/registre',
    access: staffOnly,
    handler: async ({ ctx }) => {
      const register = site.register();
      return view(
        <Layout ctx={ctx} title="Registre des traitements">
          <StaffNav ctx={ctx} current="/gestion/registre" />
          <h1>Registre des traitements</h1>
          <p>
            Chaque table de la plateforme, ce qu’elle garde de personnel, pourquoi, sur quelle base, combien
            de temps et pour qui (RGPD, article 30). Il est tenu dans le code, à côté des tables : un test
            empêche qu’une table ou une colonne personnelle n’y soit pas décrite.
          </p>
          <div class="table-scroll">
            <table class="table-cards register">
              <caption>{register.length} tables</caption>
              <thead>
                <tr>
                  <th scope="col">Table</th>
                  <th scope="col">Finalité</th>
                  <th scope="col">Base légale</th>
                  <th scope="col">Conservation</th>
                  <th scope="col">Destinataires</th>
                  <th scope="col">Données personnelles</th>
                </tr>
              </thead>
              <tbody>
                {register.map((e) => (
                  <tr key={e.table}>
                    <td>
                      <code>{e.table}</code>
                    </td>
                    <td data-label="Finalité">{e.purpose}</td>
                    <td data-label="Base légale">{legalBases[e.basis]}</td>
                    <td data-label="Conservation">{e.retention}</td>
                    <td data-label="Destinataires">{e.recipients}</td>
                    <td data-label="Données personnelles">
                      {e.personal.length ? e.personal.join(', ') : 'aucune'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Layout>,
      );
    },
  }),
];
