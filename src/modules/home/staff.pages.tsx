// The staff's home (`/gestion`): what needs attention now, from every module, and one search box across
// people, organisations and events.
import { z } from 'zod';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { StaffNav } from '../../platform/views/staff-nav.tsx';
import type { AttentionItem, SearchHit, Site } from '../module.ts';

const searchQuery = z.object({ q: z.string().trim().max(200).catch('') });

function SearchForm({ q }: { q: string }) {
  return (
    <form method="get" action="/gestion/recherche" class="search">
      <label for="q">Chercher une personne, une organisation, un événement</label>
      <input id="q" name="q" type="search" value={q} autocomplete="off" />
      <button type="submit">Chercher</button>
    </form>
  );
}

function Attention({ items }: { items: AttentionItem[] }) {
  if (items.length === 0) return <p role="status">Rien n’attend l’équipe pour le moment.</p>;
  return (
    <ul class="attention">
      {items.map((item) => (
        <li key={item.href}>
          <a href={item.href}>
            <strong>{item.count}</strong> {item.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Hits({ hits }: { hits: SearchHit[] }) {
  const kinds = [...new Set(hits.map((h) => h.kind))];
  return (
    <>
      {kinds.map((kind) => (
        <section key={kind}>
          <h2>{kind}</h2>
          <ul>
            {hits
              .filter((h) => h.kind === kind)
              .map((h) => (
                <li key={h.href}>
                  <a href={h.href}>{h.title}</a>
                  {h.detail ? <span class="muted"> — {h.detail}</span> : null}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export const staffPages = ({ db }: Services, site: Site) => [
  definePage({
    method: 'GET',
    url: '/gestion',
    access: staffOnly,
    handler: async ({ ctx, notice }) => {
      const items = await site.attention(db, new Date());
      return view(
        <Layout ctx={ctx} title="Gestion du réseau" notice={notice}>
          <StaffNav ctx={ctx} current="/gestion" />
          <h1>Gestion du réseau</h1>
          <SearchForm q="" />
          <h2>À traiter</h2>
          <Attention items={items} />
        </Layout>,
      );
    },
  }),
  definePage({
    method: 'GET',
    url: '/gestion/recherche',
    access: staffOnly,
    query: searchQuery,
    handler: async ({ ctx, query }) => {
      const words = query.q;
      const hits = words.length >= 2 ? await site.search(db, words, 20) : [];
      return view(
        <Layout ctx={ctx} title={words ? `Recherche : ${words}` : 'Recherche'}>
          <StaffNav ctx={ctx} current="/gestion" />
          <h1>Recherche</h1>
          <SearchForm q={words} />
          <p role="status">
            {words.length < 2
              ? 'Tapez au moins deux lettres : un nom, une adresse électronique, une ville, un titre.'
              : hits.length === 0
                ? `Rien ne correspond à « ${words} ».`
                : `${hits.length} résultat${hits.length > 1 ? 's' : ''} pour « ${words} ».`}
          </p>
          <Hits hits={hits} />
        </Layout>,
      );
    },
  }),
];
