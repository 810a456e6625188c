// One way to cut a list into pages: the page asked for (from the address, forgiving), the rows of that
// page, and the honest total of rows — a list never stops silently at some maximum.
import { z } from 'zod';

/** `?page=` as people may type it: anything that is not a page number reads as the first page. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export interface Paged<T> {
  items: T[];
  /** Rows in the whole list, not only this page. */
  total: number;
  page: number;
  pageSize: number;
}

/** The limit and offset of a page, for a query. */
export const pageWindow = (page: number, pageSize: number) => ({
  limit: pageSize,
  offset: (page - 1) * pageSize,
});

export const pageCount = (paged: Pick<Paged<unknown>, 'total' | 'pageSize'>) =>
  Math.max(1, Math.ceil(paged.total / paged.pageSize));

/** Runs a page's query and the count of the whole list together. */
export async function paginate<T>(
  page: number,
  pageSize: number,
  rows: (window: { limit: number; offset: number }) => Promise<T[]>,
  total: () => Promise<number>,
): Promise<Paged<T>> {
  const [items, count] = await Promise.all([rows(pageWindow(page, pageSize)), total()]);
  return { items, total: count, page, pageSize };
}
