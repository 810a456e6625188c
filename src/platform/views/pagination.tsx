import { type Paged, pageCount } from '../pagination.ts';

/**
 * Links to the previous and next pages of a list, keeping the other parameters of the address.
 * `label` names the list for screen readers (« Pages des organisations »).
 */
export function Pagination({
  paged,
  query,
  label,
  previous = 'Page précédente',
  next = 'Page suivante',
}: {
  paged: Pick<Paged<unknown>, 'page' | 'total' | 'pageSize'>;
  /** The address of a page, from its number. */
  query: (page: number) => string;
  label: string;
  previous?: string;
  next?: string;
}) {
  const pages = pageCount(paged);
  if (pages <= 1) return null;
  return (
    <nav aria-label={label}>
      <ul class="pagination">
        {paged.page > 1 ? (
          <li>
            <a href={query(paged.page - 1)}>{previous}</a>
          </li>
        ) : null}
        <li aria-current="page">
          Page {paged.page} sur {pages}
        </li>
        {paged.page < pages ? (
          <li>
            <a href={query(paged.page + 1)}>{next}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
