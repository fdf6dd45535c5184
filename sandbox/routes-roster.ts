/**
 * Rostering reads (OAuth 2 scope roster.readonly): orgs/schools, academic sessions (terms,
 * grading periods), courses, classes, users (teachers, students) and enrollments — everything
 * Google's export reads (research §A) plus the neighbours a client may try. Tobedeleted entities
 * are listed with their status, as a SIS does; clients filter them with status='active'.
 */
import type { Collection } from './fields.ts';
import { notFound } from './imsx.ts';
import type { DistrictData, Klass, User } from './model.ts';
import { listReply, type Reply, type Route, type RouteContext, singleReply } from './router.ts';

type Lookup = (id: string) => object | undefined;

export function rosterRoutes(data: DistrictData): Route[] {
  const all = <T>(map: Map<string, T>) => [...map.values()];
  const ofType = <T extends { type: string }>(map: Map<string, T>, type: string) =>
    all(map).filter((e) => e.type === type);
  const sessionOf = (type: string) => (id: string) => {
    const s = data.academicSessions.get(id);
    return s?.type === type ? s : undefined;
  };
  const userOf = (role?: string) => (id: string) => {
    const u = data.users.get(id);
    return u && (!role || u.role === role) ? u : undefined;
  };
  const schoolOf = (id: string) => {
    const o = data.orgs.get(id);
    return o?.type === 'school' ? o : undefined;
  };
  const classesOf = (user: User) => {
    const ids = new Set(
      all(data.enrollments)
        .filter((e) => e.user.sourcedId === user.sourcedId)
        .map((e) => e.class.sourcedId),
    );
    return all(data.classes).filter((c) => ids.has(c.sourcedId));
  };
  const members = (klass: Klass, role: string) =>
    all(data.enrollments)
      .filter((e) => e.class.sourcedId === klass.sourcedId && e.role === role)
      .map((e) => data.users.get(e.user.sourcedId))
      .filter((u): u is User => u !== undefined);

  const get = (pattern: string, handle: (ctx: RouteContext) => Reply): Route => ({
    method: 'GET',
    pattern,
    access: 'roster',
    // /users/:id, /teachers/:id/classes, ...: the id is a user's (a GUID in 1.2).
    ...(/^\/(users|teachers|students)\/:id/.test(pattern) ? { userParams: ['id'] } : {}),
    handle,
  });
  const one = (pattern: string, collection: Collection, what: string, lookup: Lookup) =>
    get(pattern, (ctx) => {
      const id = ctx.params.id ?? '';
      return singleReply(collection, lookup(id), what, id, ctx);
    });
  /** A child collection: 404 when the parent is absent or of the wrong kind, else the list. */
  const children = <P>(
    pattern: string,
    collection: Collection,
    what: string,
    lookup: (id: string) => P | undefined,
    list: (parent: P) => readonly object[],
  ) =>
    get(pattern, (ctx) => {
      const id = ctx.params.id ?? '';
      const parent = lookup(id);
      if (parent === undefined) throw notFound(what, id);
      return listReply(collection, list(parent), ctx);
    });
  const inTerm = (termId: string) => (c: Klass) => c.terms.some((t) => t.sourcedId === termId);

  return [
    get('/orgs', (ctx) => listReply('orgs', all(data.orgs), ctx)),
    one('/orgs/:id', 'orgs', 'org', (id) => data.orgs.get(id)),
    get('/schools', (ctx) => listReply('orgs', ofType(data.orgs, 'school'), ctx)),
    one('/schools/:id', 'orgs', 'school', schoolOf),
    children('/schools/:id/classes', 'classes', 'school', schoolOf, (s) =>
      all(data.classes).filter((c) => c.school.sourcedId === s.sourcedId),
    ),
    get('/academicSessions', (ctx) =>
      listReply('academicSessions', all(data.academicSessions), ctx),
    ),
    one('/academicSessions/:id', 'academicSessions', 'academicSession', (id) =>
      data.academicSessions.get(id),
    ),
    get('/terms', (ctx) =>
      listReply('academicSessions', ofType(data.academicSessions, 'term'), ctx),
    ),
    one('/terms/:id', 'academicSessions', 'term', sessionOf('term')),
    children('/terms/:id/gradingPeriods', 'academicSessions', 'term', sessionOf('term'), (t) =>
      ofType(data.academicSessions, 'gradingPeriod').filter(
        (g) => g.parent?.sourcedId === t.sourcedId,
      ),
    ),
    children('/terms/:id/classes', 'classes', 'term', sessionOf('term'), (t) =>
      all(data.classes).filter(inTerm(t.sourcedId)),
    ),
    get('/gradingPeriods', (ctx) =>
      listReply('academicSessions', ofType(data.academicSessions, 'gradingPeriod'), ctx),
    ),
    one('/gradingPeriods/:id', 'academicSessions', 'gradingPeriod', sessionOf('gradingPeriod')),
    get('/courses', (ctx) => listReply('courses', all(data.courses), ctx)),
    one('/courses/:id', 'courses', 'course', (id) => data.courses.get(id)),
    get('/classes', (ctx) => listReply('classes', all(data.classes), ctx)),
    one('/classes/:id', 'classes', 'class', (id) => data.classes.get(id)),
    children(
      '/classes/:id/students',
      'users',
      'class',
      (id) => data.classes.get(id),
      (c) => members(c, 'student'),
    ),
    children(
      '/classes/:id/teachers',
      'users',
      'class',
      (id) => data.classes.get(id),
      (c) => members(c, 'teacher'),
    ),
    get('/users', (ctx) => listReply('users', all(data.users), ctx)),
    one('/users/:id', 'users', 'user', userOf()),
    children('/users/:id/classes', 'classes', 'user', userOf(), classesOf),
    get('/teachers', (ctx) => listReply('users', all(data.users).filter(userIs('teacher')), ctx)),
    one('/teachers/:id', 'users', 'teacher', userOf('teacher')),
    children('/teachers/:id/classes', 'classes', 'teacher', userOf('teacher'), classesOf),
    get('/students', (ctx) => listReply('users', all(data.users).filter(userIs('student')), ctx)),
    one('/students/:id', 'users', 'student', userOf('student')),
    children('/students/:id/classes', 'classes', 'student', userOf('student'), classesOf),
    get('/enrollments', (ctx) => listReply('enrollments', all(data.enrollments), ctx)),
    one('/enrollments/:id', 'enrollments', 'enrollment', (id) => data.enrollments.get(id)),
  ];
}

const userIs = (role: string) => (u: User) => u.role === role;
