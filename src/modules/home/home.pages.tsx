// Public pages: home, accessibility statement; and the development mail page for staff.

import type { Config } from '../../platform/env.ts';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, view } from '../../platform/http/pages.tsx';
import { listRecentMails } from '../../platform/mail/mail.tsx';
import type { Services } from '../../platform/services.ts';
import { formatDateTime } from '../../platform/time.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { NextSteps } from '../../platform/views/next-steps.tsx';
import { renderText } from '../content/texts.ts';
import { RichText } from '../content/views/texts.tsx';
import type { Site } from '../module.ts';
import { accessibilityStatement, homeIntro } from './texts.ts';

export const homePages = (services: Services, site: Site) => [
  definePage({
    method: 'GET',
    url: '/',
    access: 'public',
    cache: ['content'],
    handler: async ({ ctx, notice, actor }) =>
      view(
        <Layout ctx={ctx} title="Accueil" notice={notice}>
          {actor ? (
            // Signed in, what the person has next comes first: on a phone, in the first screen.
            <>
              <h1>Bonjour {actor.firstName}</h1>
              <NextSteps blocks={await site.forPerson(services.db, actor, new Date())} />
              <p>
                <a class="button" href="/mon-espace">
                  Aller à mon espace
                </a>
              </p>
              <h2>{ctx.network.name}</h2>
              <RichText html={await renderText(services.db, homeIntro)} />
            </>
          ) : (
            <>
              <h1>{ctx.network.name} : la plateforme du réseau</h1>
              <RichText html={await renderText(services.db, homeIntro)} />
              <p>
                <a class="button" href="/connexion">
                  Se connecter
                </a>
              </p>
            </>
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
          <RichText html={await renderText(services.db, accessibilityStatement)} />
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
