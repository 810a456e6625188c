import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageCount, pageParam, pageWindow, paginate } from './pagination.ts';

describe('cutting a list into pages', () => {
  it('reads ?page= forgivingly: anything that is not a page number is the first page', () => {
    assert.equal(pageParam.parse('3'), 3);
    assert.equal(pageParam.parse(7), 7);
    for (const raw of ['abc', '0', '-2', '1.5', '100001', undefined, ['2', '3']])
      assert.equal(pageParam.parse(raw), 1, String(raw));
  });

  it('gives the limit and offset of a page', () => {
    assert.deepEqual(pageWindow(1, 25), { limit: 25, offset: 0 });
    assert.deepEqual(pageWindow(3, 25), { limit: 25, offset: 50 });
  });

  it('counts the pages of the whole list, and one page for an empty list', () => {
    assert.equal(pageCount({ total: 0, pageSize: 25 }), 1);
    assert.equal(pageCount({ total: 25, pageSize: 25 }), 1);
    assert.equal(pageCount({ total: 26, pageSize: 25 }), 2);
    assert.equal(pageCount({ total: 51, pageSize: 25 }), 3);
  });

  it('returns the rows of the page asked and the total of the whole list, never a capped one', async () => {
    const all = Array.from({ length: 53 }, (_, i) => i + 1);
    const windows: { limit: number; offset: number }[] = [];
    const paged = await paginate(
      3,
      25,
      async (window) => {
        windows.push(window);
        return all.slice(window.offset, window.offset + window.limit);
      },
      async () => all.length,
    );
    assert.deepEqual(windows, [{ limit: 25, offset: 50 }]);
    assert.deepEqual(paged, { items: [51, 52, 53], total: 53, page: 3, pageSize: 25 });
  });
});
