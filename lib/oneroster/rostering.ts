/**
 * The rostering endpoints: the reads the export needs (find the teacher by email, their classes,
 * a class's students, terms and grading periods, in the order of Google's own export, research
 * §A), and the options page's connection check.
 */
import { z } from '../zod';
import {
  isOneRosterError,
  type OneRosterService,
  serverClockSkewMs,
  WrongBaseError,
} from './errors';
import {
  type AcademicSession,
  AcademicSessionSchema,
  CategorySchema,
  ClassSchema,
  type OneRosterClass,
  OrgSchema,
  UserSchema,
} from './schemas';
import type { CallOptions, ClientContext } from './transport';
import { eq } from './url';
import type { OneRosterVersion, ServiceBases } from './version';

/** Answers that mean "this server has no single-class GET" rather than a real failure. */
const NO_SINGLE_GET = new Set(['not-found', 'not-oneroster', 'unexpected-status']);

const sameEmail = (a: string | undefined, b: string) =>
  a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

export function rosteringEndpoints(ctx: ClientContext) {
  return {
    /**
     * Teachers whose email equals `email` (`/teachers?filter=email='…'`). Normally one; more or
     * none is for the caller to report. The filter is re-checked here, case-insensitively,
     * because some servers ignore filters and return every teacher.
     */
    async findTeachersByEmail(email: string, options: CallOptions = {}) {
      const users = await ctx.list(['teachers'], 'users', UserSchema, {
        ...options,
        filter: eq('email', email),
        notFound: 'not-oneroster',
      });
      return users.filter((user) => sameEmail(user.email, email));
    },

    /** The classes a teacher teaches (`/teachers/{id}/classes`), active ones only by default. */
    listClassesForTeacher(
      teacherId: string,
      { activeOnly = true, ...options }: CallOptions & { activeOnly?: boolean } = {},
    ) {
      return ctx.list(['teachers', teacherId, 'classes'], 'classes', ClassSchema, {
        ...options,
        filter: activeOnly ? eq('status', 'active') : undefined,
        notFound: 'not-found',
      });
    },

    /**
     * One class by sourcedId, `terms` included; undefined when the SIS does not know it.
     * Tries the spec's `GET /classes/{id}` first (one small answer, no filter escaping). Google's
     * export only ever uses `GET /classes?filter=sourcedId='…'`, so servers tested against
     * Google may lack the single GET: on a 404, a non-OneRoster answer or another unexpected
     * status it falls back to that filter query.
     */
    async getClass(
      classId: string,
      options: CallOptions = {},
    ): Promise<OneRosterClass | undefined> {
      try {
        const { value } = await ctx.get(['classes', classId], 'class', ClassSchema, {
          ...options,
          notFound: 'not-found',
        });
        return value;
      } catch (error) {
        if (!isOneRosterError(error) || !NO_SINGLE_GET.has(error.code)) throw error;
      }
      const classes = await ctx.list(['classes'], 'classes', ClassSchema, {
        ...options,
        filter: eq('sourcedId', classId),
        notFound: 'not-oneroster',
      });
      return classes.find((item) => item.sourcedId === classId);
    },

    /** The students enrolled in a class (`/classes/{id}/students`); matched by `email` later. */
    listStudentsForClass(classId: string, options: CallOptions = {}) {
      return ctx.list(['classes', classId, 'students'], 'users', UserSchema, {
        ...options,
        notFound: 'not-found',
      });
    },

    /**
     * One academic session (term, grading period, school year) by sourcedId
     * (`/academicSessions/{id}`), e.g. for a class's term title; undefined when the SIS does not
     * know it (404).
     */
    async getAcademicSession(
      sessionId: string,
      options: CallOptions = {},
    ): Promise<AcademicSession | undefined> {
      try {
        const path = ['academicSessions', sessionId];
        const { value } = await ctx.get(path, 'academicSession', AcademicSessionSchema, {
          ...options,
          notFound: 'not-found',
        });
        return value;
      } catch (error) {
        if (isOneRosterError(error) && error.code === 'not-found') return undefined;
        throw error;
      }
    },

    /** The grading periods of a term (`/terms/{id}/gradingPeriods`). */
    listGradingPeriodsForTerm(termId: string, options: CallOptions = {}) {
      return ctx.list(
        ['terms', termId, 'gradingPeriods'],
        'academicSessions',
        AcademicSessionSchema,
        { ...options, notFound: 'not-found' },
      );
    },
  };
}

// The options page's "Authorize" check: cheap authorised reads that prove each service base is a
// OneRoster service of the chosen version and the credentials work.

/** What a successful connection check learned. */
export interface ConnectionInfo {
  /** The version the check confirmed. */
  version: OneRosterVersion;
  /** The service bases it confirmed. */
  bases: ServiceBases;
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

/** Answers meaning "no OneRoster service of this version here", not a credentials problem. */
const WRONG_BASE = new Set(['not-found', 'not-oneroster']);

/** The services a connection check probes, and the version it checks. */
interface ConnectionContexts {
  rostering: ClientContext;
  gradebook: ClientContext;
  version: OneRosterVersion;
}

export function connectionEndpoints({ rostering, gradebook, version }: ConnectionContexts) {
  const query = { limit: 1, offset: 0 };

  /** Runs a probe; a 404 or non-OneRoster answer becomes a WrongBaseError for that service. */
  async function probe<T>(service: OneRosterService, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (isOneRosterError(error) && WRONG_BASE.has(error.code)) {
        const base = service === 'rostering' ? rostering.base : gradebook.base;
        throw new WrongBaseError(service, base, version, error);
      }
      throw error;
    }
  }

  return {
    /**
     * Rostering: `GET /orgs?limit=1`, falling back to `GET /teachers?limit=1` (Google's first
     * call) when orgs are not readable. 1.2 also reads `GET categories?limit=1` from the gradebook
     * base (with its headers), which 1.1 shares with rostering. Throws the typed error of the
     * last attempt; a base that answers 404 or not OneRoster throws WrongBaseError (wrong-base),
     * so a wrong URL or version never reads as "no classes" later.
     */
    async checkConnection(options: CallOptions = {}): Promise<ConnectionInfo> {
      const bases = { rostering: rostering.base, gradebook: gradebook.base };
      const info = await probe('rostering', () => readRostering(options));
      if (version === '1.2') {
        await probe('gradebook', () =>
          gradebook.get(['categories'], 'categories', z.array(CategorySchema), {
            ...options,
            query,
            notFound: 'not-oneroster',
          }),
        );
      }
      return { version, bases, ...info };
    },
  };

  async function readRostering(options: CallOptions) {
    try {
      const { value, headers } = await rostering.get(['orgs'], 'orgs', z.array(OrgSchema), {
        ...options,
        query,
        notFound: 'not-oneroster',
      });
      const orgName = value[0]?.name;
      return withSkew({ endpoint: 'orgs' as const, ...(orgName ? { orgName } : {}) }, headers);
    } catch (error) {
      if (!isOneRosterError(error) || !TRY_TEACHERS.has(error.code)) throw error;
    }
    const { headers } = await rostering.get(['teachers'], 'users', z.array(UserSchema), {
      ...options,
      query,
      notFound: 'not-oneroster',
    });
    return withSkew({ endpoint: 'teachers' as const }, headers);
  }

  function withSkew<T extends object>(
    info: T,
    headers: Headers,
  ): T & { serverClockSkewMs?: number } {
    const skew = serverClockSkewMs(headers, rostering.now());
    return skew === undefined ? info : { ...info, serverClockSkewMs: skew };
  }
}
