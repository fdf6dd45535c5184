/**
 * OAuth 1.0a clock correction through the client: on a timestamp refusal the real authenticator
 * re-measures the difference from the refusal's Date header, the request is retried once, the
 * new correction is kept, and what the user reads names the real difference.
 */
import { describe, expect, it } from 'vitest';
import { createOAuth1Authenticator } from '@/lib/auth/oauth1';
import { createOneRosterClient } from '@/lib/oneroster/client';
import { describeOneRosterError } from '@/lib/oneroster/describe-error';
import { useLocale } from '../../support/fake-i18n';
import { BASE, fakeSis, json } from './fake-sis';

const NOW = 1_700_000_000_000;
const MINUTE = 60_000;

/**
 * A SIS whose clock is `sisOffsetMs` ahead of ours and that accepts timestamps within 5 minutes
 * of it (or none at all), answering refusals with its Date header like the sandbox does.
 */
function sisWithClock(sisOffsetMs: number, options: { refuseAll?: boolean } = {}) {
  const sisNow = () => NOW + sisOffsetMs;
  const stamps: number[] = [];
  const { fetch, requests } = fakeSis({
    'GET /categories': (request) => {
      const stamp = Number(
        /oauth_timestamp="(\d+)"/.exec(request.headers.get('authorization') ?? '')?.[1],
      );
      stamps.push(stamp);
      const date = new Date(sisNow()).toUTCString();
      if (options.refuseAll || Math.abs(stamp * 1000 - sisNow()) > 5 * MINUTE) {
        return json(
          {
            imsx_codeMajor: 'failure',
            imsx_description: `oauth_problem=timestamp_refused (${stamp})`,
          },
          401,
          { Date: date },
        );
      }
      return json({ categories: [{ sourcedId: 'c1', title: 'Homework' }] }, 200, { Date: date });
    },
  });
  return { fetch, requests, stamps };
}

function clientWith(fetch: typeof globalThis.fetch, clockSkewMs?: number) {
  const learned: number[] = [];
  const auth = createOAuth1Authenticator({
    consumerKey: 'key',
    consumerSecret: 'secret',
    now: () => NOW,
    clockSkewMs,
    onClockSkewChange: (ms) => learned.push(ms),
  });
  const client = createOneRosterClient({ baseUrl: BASE, auth, fetch, now: () => NOW });
  return { client, auth, learned };
}

describe('OAuth 1.0a clock correction', () => {
  it('replaces a stale correction with the measured one, retries, and keeps it', async () => {
    const sis = sisWithClock(0);
    const { client, auth, learned } = clientWith(sis.fetch, 20 * MINUTE);
    await expect(client.listCategories()).resolves.toHaveLength(1);
    expect(sis.stamps).toEqual([NOW / 1000 + 20 * 60, NOW / 1000]);
    expect(auth.clockSkewMs).toBe(0);
    expect(learned).toEqual([0]);
    await client.listCategories(); // kept: no second refusal
    expect(sis.requests).toHaveLength(3);
  });

  it('learns a clock that drifted since Authorize, once for requests refused together', async () => {
    const sis = sisWithClock(-20 * MINUTE);
    const { client, learned } = clientWith(sis.fetch);
    const lists = await Promise.all(Array.from({ length: 4 }, () => client.listCategories()));
    expect(lists.map((list) => list.length)).toEqual([1, 1, 1, 1]);
    expect(learned).toEqual([-20 * MINUTE]);
    expect(sis.requests).toHaveLength(8); // each refused once, retried once
  });

  it('names the real difference when the SIS refuses the corrected stamp too, and stops', async () => {
    const sis = sisWithClock(20 * MINUTE, { refuseAll: true });
    const { client } = clientWith(sis.fetch);
    const error = await client.listCategories().catch((e: unknown) => e);
    expect(sis.requests).toHaveLength(2); // one retry, no loop
    expect(error).toMatchObject({ code: 'clock-skew', skewMs: 20 * MINUTE });
    expect(describeOneRosterError(error)).toContain('about 20 minutes off');
    useLocale('nl');
    expect(describeOneRosterError(error)).toContain('ongeveer 20 minuten af');
  });

  it('asks for a re-Authorize when this computer’s clock agrees with the SIS', async () => {
    const sis = sisWithClock(0, { refuseAll: true });
    const { client } = clientWith(sis.fetch);
    const error = await client.listCategories().catch((e: unknown) => e);
    expect(sis.requests).toHaveLength(1); // a retry with the same stamp cannot help
    expect(error).toMatchObject({ code: 'clock-skew', skewMs: 0 });
    expect(describeOneRosterError(error)).toMatch(/clock agrees.*re-authorize/);
    expect(describeOneRosterError(error)).not.toMatch(/minute/);
    useLocale('nl');
    expect(describeOneRosterError(error)).toMatch(/opnieuw te autoriseren/);
  });
});
