import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { Pagination } from './pagination.tsx';

const links = (html: string) =>
  [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);

describe('the links between the pages of a list', () => {
  const query = (page: number) => `?q=Saint&amp;page=${page}`;

  it('links the previous and next pages, keeping the other parameters, and says where we are', () => {
    const html = render(
      <Pagination
        paged={{ page: 2, total: 51, pageSize: 25 }}
        query={(p) => `?q=Saint&page=${p}`}
        label="Pages"
      />,
    );
    assert.deepEqual(links(html), [
      [query(1), 'Page précédente'],
      [query(3), 'Page suivante'],
    ]);
    assert.match(html, /<nav aria-label="Pages">/);
    assert.match(html, /<li aria-current="page">Page 2 sur 3<\/li>/);
  });

  it('has no previous link on the first page, no next link on the last', () => {
    const first = render(
      <Pagination paged={{ page: 1, total: 51, pageSize: 25 }} query={(p) => `?page=${p}`} label="P" />,
    );
    assert.deepEqual(links(first), [['?page=2', 'Page suivante']]);
    const last = render(
      <Pagination paged={{ page: 3, total: 51, pageSize: 25 }} query={(p) => `?page=${p}`} label="P" />,
    );
    assert.deepEqual(links(last), [['?page=2', 'Page précédente']]);
  });

  it('shows nothing when the whole list fits on one page', () => {
    assert.equal(
      render(<Pagination paged={{ page: 1, total: 25, pageSize: 25 }} query={String} label="P" />),
      '',
    );
  });
});
