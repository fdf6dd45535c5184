/** Paging headers and limits, sort/fields, filters over HTTP, and the '+' decoding decision. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';
import { apiUrl, type Client, makeClient, type Query } from './test-client.ts';
import { expectImsx } from './test-expect.ts';

let sandbox: Sandbox;
let api: Client;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, students: 250, classes: 10 });
  api = await makeClient(sandbox, 'oauth1');
});
afterAll(() => sandbox.close());

const links = (header: string | null) =>
  Object.fromEntries(
    [...(header ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [
      m[2],
      new URL(m[1] as string),
    ]),
  );

describe('paging', () => {
  it('defaults to 100 with X-Total-Count and first/next/last links', async () => {
    const reply = await api.get('/students');
    expect(reply.body.users).toHaveLength(100);
    expect(reply.headers.get('x-total-count')).toBe('250');
    const l = links(reply.headers.get('link'));
    expect(Object.keys(l).sort()).toEqual(['first', 'last', 'next']);
    expect(l.next?.searchParams.get('offset')).toBe('100');
    expect(l.last?.searchParams.get('offset')).toBe('200');
  });

  it('follows next links to the end, keeping the filter', async () => {
    const seen: string[] = [];
    let url: string | undefined = apiUrl(sandbox, '/users', {
      filter: "role='student'",
      limit: 70,
    });
    while (url) {
      const reply = await api.getUrl(url);
      expect(reply.status).toBe(200);
      seen.push(...reply.body.users.map((u: { sourcedId: string }) => u.sourcedId));
      const next = links(reply.headers.get('link')).next;
      expect(reply.headers.get('link')).not.toContain('+'); // spaces as %20
      url = next?.href;
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it('honours limit=10000, clamps above it, and refuses nonsense', async () => {
    expect((await api.get('/users', { limit: 10000 })).body.users.length).toBe(
      sandbox.data.users.size,
    );
    const clamped = await api.get('/users', { limit: 20000, offset: 0 });
    expect(clamped.status).toBe(200);
    expect(links(clamped.headers.get('link')).first?.searchParams.get('limit')).toBe('10000');
    for (const bad of [{ limit: 0 }, { limit: -1 }, { limit: 'ten' }, { offset: -5 }] as Query[]) {
      expectImsx(await api.get('/users', bad), 400, 'invaliddata', /limit|offset/);
    }
  });

  it('pages with offset and reports prev', async () => {
    const reply = await api.get('/students', { limit: 100, offset: 240 });
    expect(reply.body.users).toHaveLength(10);
    const l = links(reply.headers.get('link'));
    expect(l.next).toBeUndefined();
    expect(l.prev?.searchParams.get('offset')).toBe('140');
  });

  it('sorts, orders and selects fields', async () => {
    const asc = await api.get('/students', { sort: 'familyName', limit: 10000 });
    const names = asc.body.users.map((u: { familyName: string }) => u.familyName);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    const desc = await api.get('/students', { sort: 'familyName', orderBy: 'desc', limit: 10000 });
    expect(desc.body.users[0].familyName).toBe(names[names.length - 1]);
    const fields = await api.get('/students', { fields: 'sourcedId,email', limit: 2 });
    expect(Object.keys(fields.body.users[0])).toEqual(['sourcedId', 'email']);
    expectImsx(await api.get('/students', { sort: 'shoeSize' }), 400, 'invalid_sort_field');
    const badFields = await api.get('/students', { fields: 'shoeSize' });
    expectImsx(badFields, 400, 'invalid_selection_field', /shoeSize/);
  });
});

describe('filters over HTTP', () => {
  it("finds an apostrophe name with ''", async () => {
    const reply = await api.get('/students', {
      filter: "familyName='O''Brien' AND givenName='Siobhán'",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.users).toHaveLength(1);
    expect(reply.body.users[0]).toMatchObject({
      givenName: 'Siobhán',
      email: 'siobhan.obrien@students.riversideusd.example.org',
    });
    expect(reply.headers.get('x-total-count')).toBe('1');
  });

  it('answers a bad filter with 400 invalid_filter_field', async () => {
    const reply = await api.get('/students', { filter: "nickname='x'" });
    expectImsx(reply, 400, 'invalid_filter_field', /nickname/);
  });

  it("form-decodes '+' as a space; a literal plus must be %2B", async () => {
    const user = [...sandbox.data.users.values()][1];
    if (!user) throw new Error('no user');
    const original = user.email;
    user.email = 'plus+tag@example.org';
    try {
      expect(
        (await api.get('/users', { filter: "email='plus+tag@example.org'" })).body.users,
      ).toHaveLength(1); // sent as %2B
      const rawPlus = `${sandbox.baseUrl}/users?filter=email%3D%27plus+tag%40example.org%27`;
      const reply = await api.getUrl(rawPlus);
      expect(reply.status).toBe(200); // the signature still verifies: both sides read '+' as space
      expect(reply.body.users).toHaveLength(0);
      const spaced = `${sandbox.baseUrl}/users?filter=status='active'+AND+role='teacher'`;
      const teachers = await api.getUrl(spaced);
      expect(teachers.body.users.length).toBeGreaterThan(0);
    } finally {
      user.email = original;
    }
  });
});
