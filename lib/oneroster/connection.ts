/**
 * The options page's "Authorize" check: one cheap authorised read that proves the Base URL is a
 * OneRoster service and the credentials work.
 */
import { z } from '../zod';
import { serverClockSkewMs } from './classify-response';
import { isOneRosterError } from './errors';
import type { CallOptions, ClientContext } from './request';
import { OrgSchema, UserSchema } from './schemas-rostering';

/** What a successful connection check learned. */
export interface ConnectionInfo {
  /** Which read succeeded: `/orgs` (gives a name) or the `/teachers` fallback. */
  endpoint: 'orgs' | 'teachers';
  /** The first org's name (usually the district or school), when `/orgs` was readable. */
  orgName?: string;
  /** Server clock minus ours from the `Date` header: worth showing when OAuth 1.0a is used. */
  serverClockSkewMs?: number;
}

// Credentials scoped to the gradebook and class rosters may not read orgs; those answers mean
// "try something else", while a 401 or a network failure would fail on /teachers too.
const TRY_TEACHERS = new Set([
  'forbidden',
  'under-scoped',
  'not-found',
  'not-oneroster',
  'unexpected-status',
]);

export function connectionEndpoints(ctx: ClientContext) {
  return {
    /**
     * `GET /orgs?limit=1`, falling back to `GET /teachers?limit=1` (Google's first call) when
     * orgs are not readable. Throws the typed error of the last attempt.
     */
    async checkConnection(options: CallOptions = {}): Promise<ConnectionInfo> {
      const query = { limit: 1, offset: 0 };
      try {
        const { value, headers } = await ctx.get(['orgs'], 'orgs', z.array(OrgSchema), {
          ...options,
          query,
          notFound: 'not-oneroster',
        });
        const orgName = value[0]?.name;
        return withSkew({ endpoint: 'orgs', ...(orgName ? { orgName } : {}) }, headers);
      } catch (error) {
        if (!isOneRosterError(error) || !TRY_TEACHERS.has(error.code)) throw error;
      }
      const { headers } = await ctx.get(['teachers'], 'users', z.array(UserSchema), {
        ...options,
        query,
        notFound: 'not-oneroster',
      });
      return withSkew({ endpoint: 'teachers' }, headers);
    },
  };

  function withSkew(info: ConnectionInfo, headers: Headers): ConnectionInfo {
    const skew = serverClockSkewMs(headers, ctx.now());
    return skew === undefined ? info : { ...info, serverClockSkewMs: skew };
  }
}
