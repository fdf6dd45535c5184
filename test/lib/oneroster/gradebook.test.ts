import { describe, expect, it } from 'vitest';
import type { LineItemToPut, ResultToPut } from '@/lib/oneroster/schemas';
import { BASE, clientFor, imsx, json } from './fake-sis';
import * as fixtures from './fixtures';

const B = `${BASE}/`;

const lineItemToPut: LineItemToPut = {
  sourcedId: 'gc-li-1',
  title: 'Photosynthesis lab',
  description: 'Lab report',
  assignDate: '2024-09-01T00:00:00.000Z',
  dueDate: '2024-09-08T23:59:00.000Z',
  class: { sourcedId: 'CLS_42' },
  category: { sourcedId: 'CAT1' },
  resultValueMin: 0,
  resultValueMax: 100,
};

const resultToPut: ResultToPut = {
  sourcedId: 'gc-r-1',
  lineItem: { sourcedId: 'gc-li-1' },
  student: { sourcedId: 'STU_1' },
  scoreStatus: 'exempt',
  score: 0,
  scoreDate: '2024-09-10T12:00:00.000Z',
  comment: '',
};

describe('OneRoster client: gradebook reads', () => {
  it('lists line items and results of a class and of a line item', async () => {
    const { client, requests } = clientFor({
      'GET /classes/CLS_42/lineItems': () => json({ lineItems: [fixtures.lineItem] }),
      'GET /classes/CLS_42/results': () => json({ results: [fixtures.result] }),
      'GET /classes/CLS_42/lineItems/gc-li-1/results': () =>
        json({ results: [{ ...fixtures.result, score: 300 }] }),
    });
    expect(await client.listLineItemsForClass('CLS_42')).toMatchObject([
      { sourcedId: 'gc-li-1', class: { sourcedId: 'CLS_42' }, resultValueMax: 100 },
    ]);
    expect(await client.listResultsForClass('CLS_42')).toMatchObject([{ score: 87.5 }]);
    expect(await client.listResultsForLineItem('CLS_42', 'gc-li-1')).toMatchObject([
      { score: 300 },
    ]);
    expect(requests.map((r) => r.url)).toEqual([
      `${B}classes/CLS_42/lineItems?limit=1000&offset=0`,
      `${B}classes/CLS_42/results?limit=1000&offset=0`,
      `${B}classes/CLS_42/lineItems/gc-li-1/results?limit=1000&offset=0`,
    ]);
  });

  it('lists all categories', async () => {
    const { client, requests } = clientFor({
      'GET /categories': () => json({ categories: [fixtures.category('C1')] }),
    });
    expect(await client.listCategories()).toMatchObject([
      { sourcedId: 'C1', title: 'Category C1' },
    ]);
    expect(requests[0]?.url).toBe(`${B}categories?limit=1000&offset=0`);
  });

  it('lists class categories from /classes/{id}/categories when the server has it', async () => {
    const { client, requests } = clientFor({
      'GET /classes/CLS_42/categories': () => json({ categories: [fixtures.category('C1')] }),
    });
    expect(await client.listCategoriesForClass('CLS_42')).toMatchObject({
      scope: 'class',
      categories: [{ sourcedId: 'C1' }],
    });
    expect(requests).toHaveLength(1);
  });

  it('falls back to /categories (1.1 has no class list), keeping global and own categories', async () => {
    const { client, requests } = clientFor({
      'GET /categories': () =>
        json({
          categories: [
            fixtures.category('GLOBAL'),
            fixtures.category('MINE', 'CLS_42'),
            fixtures.category('OTHER', 'CLS_7'),
          ],
        }),
    });
    const { scope, categories } = await client.listCategoriesForClass('CLS_42');
    expect(scope).toBe('all');
    expect(categories.map((c) => c.sourcedId)).toEqual(['GLOBAL', 'MINE']);
    expect(requests.map((r) => r.path)).toEqual(['/classes/CLS_42/categories', '/categories']);
  });

  it('does not hide a server error behind the category fallback', async () => {
    const { client } = clientFor({
      'GET /classes/CLS_42/categories': () => imsx(500, 'boom'),
    });
    await expect(client.listCategoriesForClass('CLS_42')).rejects.toMatchObject({
      code: 'server-error',
    });
  });
});

describe('OneRoster client: gradebook writes', () => {
  it('PUTs a line item wrapped as {"lineItem":{…}} with {sourcedId}-only refs; 201 = created', async () => {
    const { client, requests, authorized } = clientFor({
      'PUT /lineItems/gc-li-1': ({ body }) => json(body, 201),
    });
    const outcome = await client.putLineItem({
      ...lineItemToPut,
      class: { sourcedId: 'CLS_42', href: 'x', type: 'class' } as never,
    });
    expect(outcome).toMatchObject({
      created: true,
      entity: { sourcedId: 'gc-li-1', title: 'Photosynthesis lab' },
    });
    const request = requests[0];
    expect(request?.method).toBe('PUT');
    expect(request?.url).toBe(`${B}lineItems/gc-li-1`);
    expect(authorized).toEqual([{ method: 'PUT', url: `${B}lineItems/gc-li-1` }]);
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.body).toEqual({
      lineItem: {
        sourcedId: 'gc-li-1',
        title: 'Photosynthesis lab',
        description: 'Lab report',
        assignDate: '2024-09-01T00:00:00.000Z',
        dueDate: '2024-09-08T23:59:00.000Z',
        class: { sourcedId: 'CLS_42' },
        category: { sourcedId: 'CAT1' },
        resultValueMin: 0,
        resultValueMax: 100,
      },
    });
  });

  it('reports 200 as an update, and tolerates an empty or unreadable echo', async () => {
    const { client } = clientFor({
      'PUT /lineItems/gc-li-1': () => new Response(null, { status: 200 }),
      'PUT /results/gc-r-1': () => json({ result: { sourcedId: 'gc-r-1' } }, 200),
    });
    await expect(client.putLineItem(lineItemToPut)).resolves.toEqual({ created: false });
    await expect(client.putResult(resultToPut)).resolves.toEqual({ created: false });
  });

  it('PUTs a result wrapped as {"result":{…}}, exempt and extra credit as given', async () => {
    const { client, requests } = clientFor({
      'PUT /results/gc-r-1': ({ body }) => json(body, 201),
    });
    const outcome = await client.putResult(resultToPut);
    expect(outcome).toMatchObject({ created: true, entity: { scoreStatus: 'exempt' } });
    expect(requests[0]?.body).toEqual({
      result: {
        sourcedId: 'gc-r-1',
        lineItem: { sourcedId: 'gc-li-1' },
        student: { sourcedId: 'STU_1' },
        scoreStatus: 'exempt',
        score: 0,
        scoreDate: '2024-09-10',
        comment: '',
      },
    });
    await client.putResult({ ...resultToPut, scoreStatus: 'fully graded', score: 300 });
    expect(requests[1]?.body).toMatchObject({ result: { score: 300 } });
  });

  it('keeps the SIS explanation when it rejects a PUT, and never retries it', async () => {
    const { client, requests } = clientFor({
      'PUT /lineItems/gc-li-1': () => imsx(400, 'dueDate is outside any open grading period'),
    });
    await expect(client.putLineItem(lineItemToPut)).rejects.toMatchObject({
      code: 'invalid-data',
      status: 400,
      statusInfo: {
        description: 'dueDate is outside any open grading period',
        codeMinor: ['invaliddata'],
      },
    });
    expect(requests).toHaveLength(1);
  });

  it('treats an HTML answer to a PUT as not-oneroster, not as success', async () => {
    const { client } = clientFor({
      'PUT /results/gc-r-1': () =>
        new Response('<!doctype html><p>Welcome</p>', { headers: { 'Content-Type': 'text/html' } }),
    });
    await expect(client.putResult(resultToPut)).rejects.toMatchObject({ code: 'not-oneroster' });
  });

  it.each([
    [200, true],
    [204, true],
    [404, false],
    [410, false],
  ])('DELETE answered %i → deleted: %s (404 = already gone)', async (status, deleted) => {
    const { client, requests } = clientFor({
      'DELETE /results/gc-r-1': () =>
        status === 404 ? imsx(404, 'gone', 'unknownobject') : json({}, status),
      'DELETE /lineItems/gc-li-1': () =>
        new Response(null, { status: status === 200 ? 200 : status }),
    });
    await expect(client.deleteResult('gc-r-1')).resolves.toEqual({ deleted });
    await expect(client.deleteLineItem('gc-li-1')).resolves.toEqual({ deleted });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `DELETE ${B}results/gc-r-1`,
      `DELETE ${B}lineItems/gc-li-1`,
    ]);
    expect(requests[0]?.init.body).toBeUndefined();
  });

  it('fails a DELETE the SIS refuses', async () => {
    const { client } = clientFor({
      'DELETE /results/gc-r-1': () =>
        imsx(403, 'Token lacks gradebook.delete scope', 'unauthorisedrequest'),
    });
    await expect(client.deleteResult('gc-r-1')).rejects.toMatchObject({ code: 'under-scoped' });
  });
});
