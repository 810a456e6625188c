// The atlas's public pages: the search (a question is read as theme + country + région), the directories by
// country (full for members in good standing, the summary for others), a directory's PDF, the publications.
import { and, asc, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { definePage, message, notFound, sendHtml, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { optional } from '../../platform/validation.ts';
import { renderPage, renderToString } from '../../platform/views/render.tsx';
import { atlasMessages as m } from './atlas.messages.ts';
import { atlasPolicy as policy } from './atlas.policy.ts';
import {
  activeByCountry,
  cardsOf,
  countriesWithPartnerships,
  directoryOf,
  engagedByRegion,
  sameRegionAs,
} from './atlas.queries.ts';
import { publications } from './atlas.schema.ts';
import { directoryPdf } from './directory-pdf.ts';
import { isCountryCode } from './places.ts';
import { lenientSearchFilters, type SearchResult, searchFilters, searchPartnerships } from './search.ts';
import { understand } from './understand.ts';
import { AtlasMaps, AtlasPage, DirectoriesPage, DirectoryPage, PublicationsPage } from './views/atlas.tsx';

const atlasQuery = lenientSearchFilters.extend({
  /** « Chercher le texte tel quel »: the question is not read as theme, country, région. */
  brut: optional(z.literal('1')).catch(undefined),
});

// `/repertoires/JP` is the page, `/repertoires/JP.pdf` its PDF (one route: Fastify cannot tell them apart).
const countryParams = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}(\.pdf)?$/)
    .transform((value) => ({ code: value.slice(0, 2).toUpperCase(), pdf: value.endsWith('.pdf') }))
    .refine((c) => isCountryCode(c.code)),
});

interface Landing {
  result: SearchResult;
  mapsHtml: string;
}

const publicationKindLabels: Record<string, string> = {
  guide: 'Guide',
  brochure: 'Plaquette',
  report: 'Rapport',
};

export function atlasPages({ db, config }: Services) {
  // The last PDF made per country, with what it was made from: a directory is remade only once it changed.
  const pdfs = new Map<string, { version: string; pdf: Promise<Buffer> }>();
  // The atlas before any search — every facet's counts and the two maps' — is the same for everyone until
  // the atlas or the organisations change: read once per version (their change counters).
  let lastLanding: { version: string; data: Promise<Landing> } | undefined;
  let anonymousLanding: { etag: string; html: string } | undefined;
  const landing = async (request: FastifyRequest): Promise<Landing> => {
    const version = (await request.server.pageValidators(['atlas', 'organisations'], '/atlas')).etag;
    if (lastLanding?.version !== version) {
      const data = Promise.all([
        searchPartnerships(db, searchFilters.parse({})),
        activeByCountry(db),
        engagedByRegion(db),
      ]).then(([result, world, france]) => ({
        result,
        // About 200 kB of SVG: written once per version rather than at each visit.
        mapsHtml: renderToString(<AtlasMaps world={world} france={france} />),
      }));
      lastLanding = { version, data };
      data.catch(() => {
        lastLanding = undefined;
      });
    }
    return lastLanding.data;
  };

  return [
    definePage({
      method: 'GET',
      url: '/atlas',
      access: 'public',
      cache: ['atlas', 'organisations'],
      query: atlasQuery,
      handler: async ({ actor, query, ctx, notice, request, reply }) => {
        // The front page, asked with nothing, by an anonymous visitor: kept whole (see below).
        const landingAsked = request.url === '/atlas' && request.validators !== null;
        if (landingAsked && anonymousLanding && anonymousLanding.etag === request.validators?.etag)
          return sendHtml(reply, anonymousLanding.html);
        const { brut, ...filters } = query;
        const read = filters.q && !brut ? understand(filters.q) : undefined;
        const understood = read && (read.theme || read.country || read.region) ? read : undefined;
        const effective = understood
          ? {
              ...filters,
              q: understood.rest || undefined,
              theme: filters.theme ?? understood.theme,
              country: filters.country ?? understood.country,
              region: filters.region ?? understood.region,
            }
          : filters;
        const searching = Boolean(
          effective.q ||
            effective.country ||
            effective.theme ||
            effective.region ||
            effective.status ||
            effective.kind ||
            effective.coFunder ||
            effective.departement,
        );
        const [found, full, sameRegion] = await Promise.all([
          searching ? searchPartnerships(db, effective) : landing(request),
          policy.readFull(db, actor),
          actor?.organisationId && !actor.staff ? sameRegionAs(db, actor.organisationId) : undefined,
        ]);
        const result = 'mapsHtml' in found ? found.result : found;
        const mapsHtml = 'mapsHtml' in found ? found.mapsHtml : undefined;
        const page = (
          <AtlasPage
            ctx={ctx}
            filters={effective}
            asked={filters}
            understood={understood}
            result={result}
            cards={searching ? await cardsOf(db, result.ids) : []}
            full={full}
            signedIn={Boolean(actor)}
            mapsHtml={mapsHtml}
            sameRegion={sameRegion}
            notice={notice}
          />
        );
        // The atlas's front page as an anonymous visitor sees it is written once per version of the atlas
        // (as /agenda.ics is): the visit after costs the validators' query. `validators` is null when the page
        // holds anything of its visitor (a form's token).
        if (!landingAsked || !request.validators) return view(page);
        const html = renderPage(page);
        if (request.validators) anonymousLanding = { etag: request.validators.etag, html };
        return sendHtml(reply, html);
      },
    }),
    definePage({
      method: 'GET',
      url: '/repertoires',
      access: 'public',
      cache: ['atlas'],
      handler: async ({ ctx }) => {
        const [countries, world] = await Promise.all([countriesWithPartnerships(db), activeByCountry(db)]);
        return view(<DirectoriesPage ctx={ctx} countries={countries} world={world} />);
      },
    }),
    definePage({
      method: 'GET',
      url: '/repertoires/:country',
      access: 'public',
      cache: ['atlas', 'organisations'],
      params: countryParams,
      handler: async ({ actor, params, ctx, reply, request }) => {
        const { code, pdf } = params.country;
        const full = await policy.readFull(db, actor);
        if (pdf) {
          if (!full)
            return message(403, 'Réservé aux collectivités adhérentes', m.directoryForMembers().text);
          // Remade once the atlas or the organisations changed (their change counters), or the edition's
          // five-minute slot passed.
          const version = (await request.server.pageValidators(['atlas', 'organisations'], code)).etag;
          let made = pdfs.get(code);
          if (!made || made.version !== version) {
            made = { version, pdf: directoryOf(db, code).then(directoryPdf) };
            pdfs.set(code, made);
            made.pdf.catch(() => pdfs.delete(code));
          }
          return reply
            .type('application/pdf')
            .header('cache-control', 'private, no-store')
            .header('content-disposition', `inline; filename="repertoire-partenariats-${code}.pdf"`)
            .send(await made.pdf);
        }
        const directory = await directoryOf(db, code);
        if (directory.figures.partnerships === 0 && directory.introduction.length === 0)
          return notFound(
            'Le réseau ne connaît pas encore de partenariat avec ce pays.',
            'Répertoire introuvable',
          );
        return view(
          <DirectoryPage
            ctx={ctx}
            directory={directory}
            full={full}
            regions={await engagedByRegion(db, code)}
            orderText={m.directoryForMembers().text}
          />,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/publications',
      access: 'public',
      cache: ['atlas'],
      handler: async ({ ctx }) => {
        const [countries, rows] = await Promise.all([
          countriesWithPartnerships(db),
          db
            .select()
            .from(publications)
            .where(and(isNull(publications.archivedAt)))
            .orderBy(asc(publications.editedOn)),
        ]);
        return view(
          <PublicationsPage
            ctx={ctx}
            directories={countries}
            publications={rows
              .sort((a, b) => b.editedOn.localeCompare(a.editedOn))
              .map((p) => ({
                title: p.title,
                kind: publicationKindLabels[p.kind] ?? p.kind,
                description: p.description,
                editedOn: p.editedOn,
                href: p.url,
              }))}
            orderText={m.directoryForMembers().text}
            email={config.NETWORK_EMAIL}
          />,
        );
      },
    }),
  ];
}
