// Public pages: home, accessibility statement; and the development mail page for staff.

import type { Config } from '../../platform/env.ts';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, view } from '../../platform/http/pages.tsx';
import { listRecentMails } from '../../platform/mail/mail.tsx';
import type { Services } from '../../platform/services.ts';
import { formatDateTime } from '../../platform/time.ts';
import { Layout } from '../../platform/views/layout.tsx';

export const homePages = (services: Services) => [
  definePage({
    method: 'GET',
    url: '/',
    access: 'public',
    handler: async ({ ctx, notice }) =>
      view(
        <Layout ctx={ctx} title="Accueil" notice={notice}>
          <h1>{ctx.network.name} : la plateforme du réseau</h1>
          <p>
            {ctx.network.name} réunit les collectivités territoriales engagées dans l’action internationale.
            Sur cette plateforme, leurs élus et leurs équipes suivent leur adhésion, s’inscrivent aux
            événements du réseau et au parcours « Diplomates des territoires ».
          </p>
          {ctx.viewer ? (
            <p>
              <a class="button" href="/mon-espace">
                Aller à mon espace
              </a>
            </p>
          ) : (
            <p>
              <a class="button" href="/connexion">
                Se connecter
              </a>
            </p>
          )}
          <h2>Accessibilité</h2>
          <p>
            Ce site est <strong>partiellement conforme</strong> au référentiel général d’amélioration de
            l’accessibilité (RGAA 4.1). <a href="/accessibilite">Lire la déclaration d’accessibilité</a>.
          </p>
        </Layout>,
      ),
  }),
  definePage({
    method: 'GET',
    url: '/contact',
    access: 'public',
    handler: async ({ ctx }) =>
      view(
        <Layout ctx={ctx} title="Contact">
          <h1>Contacter {ctx.network.name}</h1>
          <dl class="facts">
            <dt>Adresse</dt>
            <dd>{ctx.network.address}</dd>
            <dt>Téléphone</dt>
            <dd>
              <a href={`tel:${ctx.network.phone.replace(/\s/g, '')}`}>{ctx.network.phone}</a>
            </dd>
            <dt>Courriel</dt>
            <dd>
              <a href={`mailto:${ctx.network.email}`}>{ctx.network.email}</a>
            </dd>
            <dt>Site du réseau</dt>
            <dd>
              <a href={ctx.network.website}>{ctx.network.website}</a>
            </dd>
          </dl>
          <h2>Un courriel vous semble suspect ?</h2>
          <p>
            Nos courriels viennent de la plateforme et renvoient toujours vers cette adresse :{' '}
            <strong>{new URL(services.config.baseUrl).host}</strong>. Ils ne demandent jamais de mot de passe
            ni de coordonnées bancaires. En cas de doute, n’ouvrez pas le lien : appelez-nous ou écrivez-nous
            à l’adresse ci-dessus.
          </p>
        </Layout>,
      ),
  }),
  definePage({
    method: 'GET',
    url: '/accessibilite',
    access: 'public',
    handler: async ({ ctx }) =>
      view(
        <Layout ctx={ctx} title="Déclaration d’accessibilité">
          <h1>Déclaration d’accessibilité</h1>
          <p>
            Le réseau s’engage à rendre Coopdec accessible conformément à l’article 47 de la loi n° 2005-102
            du 11 février 2005. Cette déclaration s’applique à la plateforme Coopdec.
          </p>
          <h2>État de conformité</h2>
          <p>
            Coopdec est <strong>partiellement conforme</strong> avec le RGAA 4.1 : l’audit complet par un
            organisme indépendant n’a pas encore eu lieu.
          </p>
          <h2>Résultats des tests</h2>
          <p>
            Chaque page est vérifiée automatiquement avec axe-core (règles WCAG 2.1 niveaux A et AA) dans un
            navigateur Chromium à chaque modification du logiciel : aucune violation n’est admise. Ces tests
            automatiques couvrent une partie seulement des critères du RGAA.
          </p>
          <h2>Technologies utilisées</h2>
          <ul>
            <li>HTML5, CSS ; les pages fonctionnent sans JavaScript.</li>
          </ul>
          <h2>Retour d’information et contact</h2>
          <p>
            Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à l’équipe du réseau pour
            être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
          </p>
          <h2>Voies de recours</h2>
          <p>
            Si vous constatez un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un
            service, et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur
            des droits (formulaire en ligne, délégué territorial, ou courrier gratuit : Défenseur des droits,
            Libre réponse 71120, 75342 Paris CEDEX 07).
          </p>
        </Layout>,
      ),
  }),
  // Development only (no SMTP server, not production): the mails that would have left, for the developer
  // to read. In production, or with SMTP, the page does not exist.
  ...(devMails(services.config)
    ? [
        definePage({
          method: 'GET',
          url: '/dev/courriels',
          access: staffOnly,
          handler: async ({ ctx }) => {
            const mails = await listRecentMails(services.db);
            return view(
              <Layout ctx={ctx} title="Courriels">
                <h1>Courriels de la plateforme</h1>
                <p>
                  Aucun serveur SMTP n’est configuré (développement) : les courriels sont gardés ici au lieu
                  de partir.
                </p>
                {mails.map((mail) => (
                  <article key={mail.id} class="card">
                    <h2>{mail.subject}</h2>
                    <p class="muted">
                      À {mail.to}, le {formatDateTime(mail.createdAt)}
                    </p>
                    <pre class="mail-text">{mail.text}</pre>
                  </article>
                ))}
              </Layout>,
            );
          },
        }),
      ]
    : []),
];

/** The mails page exists in development without SMTP only. */
export const devMails = (config: Config) => config.NODE_ENV !== 'production' && !config.SMTP_URL;
