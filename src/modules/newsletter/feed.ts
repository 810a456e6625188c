// The Atom feed of the published issues (`/lettre/flux.atom`), written by the `feed` library: each issue with
// its period and its editorial, linking to its web version. For readers who follow the network in a feed
// reader, and for partners' sites that show the latest Lettre.
import { Feed } from 'feed';
import { network } from '../../platform/identity.ts';
import { renderMarkdown } from '../content/markdown.ts';
import type { Issue } from './issues.ts';
import { issueHref, periodOf } from './views/issue.tsx';

export function issuesFeed(issues: Issue[], baseUrl: string): string {
  const n = network();
  const published = issues.filter((i): i is Issue & { publishedAt: Date } => i.publishedAt !== null);
  const feed = new Feed({
    title: `La Lettre de ${n.name}`,
    description:
      'Les nouvelles du réseau, des groupes-pays et des dynamiques thématiques, et l’agenda de la période.',
    id: `${baseUrl}/lettre`,
    link: `${baseUrl}/lettre`,
    language: 'fr',
    copyright: n.name,
    updated: published.reduce<Date>(
      (latest, i) => (i.publishedAt > latest ? i.publishedAt : latest),
      new Date(0),
    ),
    feedLinks: { atom: `${baseUrl}/lettre/flux.atom` },
    author: { name: n.name, link: n.website },
  });
  for (const issue of published) {
    const url = `${baseUrl}${issueHref(issue.id)}`;
    feed.addItem({
      title: issue.title,
      id: url,
      link: url,
      date: issue.publishedAt,
      published: issue.publishedAt,
      description: `La Lettre de la période ${periodOf(issue)}.`,
      ...(issue.editorial ? { content: renderMarkdown(issue.editorial) } : {}),
    });
  }
  return feed.atom1();
}
