/**
 * The OneRoster 1.2 view of the one stored district (oneroster-1.2.md §4.3, §4.4), the way
 * Infinite Campus shows it:
 * - users are re-keyed: a deterministic GUID (UUIDv5 of the 1.1 sourcedId) with the 1.1 id kept
 *   in `metadata.ic.legacysourceId`; `roles[]` replaces `role`/`orgs`; `enabledUser` is a string.
 *   Every other id (classes, line items, results, orgs, sessions) is the same in both versions.
 * - every GUIDRef is `{href, sourcedId, type}` with 1.2's one type per target (a student is a
 *   `user`, a term or grading period an `academicSession`) and an absolute href under the service
 *   that serves the target (rostering or gradebook).
 * - class `periods` is a list; enrollment `primary` a string; a line item written over 1.1 shows
 *   its class's school, which 1.2 requires.
 */
import { v5 as uuidv5 } from 'uuid';
import { type Collection, FIELDS_V1P2 } from './fields.ts';
import type { DistrictData, Ref, RefType, User } from './model.ts';
import type { View } from './view.ts';

/** Fixed namespace: the same 1.1 id gives the same 1.2 GUID in every run and seed. */
const USER_NAMESPACE = '6f0b3c1e-2a4d-5e8f-9a7b-1c2d3e4f5a6b';

export function userGuid(legacyId: string): string {
  return uuidv5(legacyId, USER_NAMESPACE);
}

/** GUID ↔ 1.1 id for the district's users; rebuilt when a GUID is not found (users added later). */
export function createUserIds(data: DistrictData) {
  let byGuid = new Map<string, string>();
  const rebuild = () => {
    byGuid = new Map([...data.users.keys()].map((id) => [userGuid(id), id]));
  };
  return {
    guid: userGuid,
    legacy(guid: string): string | undefined {
      if (!byGuid.has(guid)) rebuild();
      return byGuid.get(guid);
    },
  };
}
export type UserIds = ReturnType<typeof createUserIds>;

/** Absolute service bases, without a trailing slash. */
export interface ServiceBases {
  rostering: string;
  gradebook: string;
}

type Type12 =
  | 'user'
  | 'org'
  | 'class'
  | 'course'
  | 'academicSession'
  | 'enrollment'
  | GradebookType;
type GradebookType = 'category' | 'lineItem' | 'result';

const TYPE_V1P2: Record<RefType, Type12> = {
  academicSession: 'academicSession',
  term: 'academicSession',
  gradingPeriod: 'academicSession',
  category: 'category',
  class: 'class',
  course: 'course',
  enrollment: 'enrollment',
  lineItem: 'lineItem',
  org: 'org',
  result: 'result',
  student: 'user',
  teacher: 'user',
  user: 'user',
};

const PATH_V1P2: Record<Type12, string> = {
  user: 'users',
  org: 'orgs',
  class: 'classes',
  course: 'courses',
  academicSession: 'academicSessions',
  enrollment: 'enrollments',
  category: 'categories',
  lineItem: 'lineItems',
  result: 'results',
};

const GRADEBOOK: ReadonlySet<Type12> = new Set<Type12>(['category', 'lineItem', 'result']);

export interface V1p2Ref {
  href: string;
  sourcedId: string;
  type: Type12;
}

export function refV1p2(ref: Ref, bases: ServiceBases): V1p2Ref {
  const type = TYPE_V1P2[ref.type];
  const sourcedId = type === 'user' ? userGuid(ref.sourcedId) : ref.sourcedId;
  const base = GRADEBOOK.has(type) ? bases.gradebook : bases.rostering;
  return { href: `${base}/${PATH_V1P2[type]}/${encodeURIComponent(sourcedId)}`, sourcedId, type };
}

const isRef = (value: Record<string, unknown>) => {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof value.sourcedId === 'string' && typeof value.type === 'string';
};

function refsV1p2<T>(value: T, bases: ServiceBases): T {
  if (Array.isArray(value)) return value.map((v) => refsV1p2(v, bases)) as T;
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if (isRef(obj)) return refV1p2(obj as unknown as Ref, bases) as T;
  // metadata is free-form client data: passed through untouched.
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, k === 'metadata' ? v : refsV1p2(v, bases)]),
  ) as T;
}

function userV1p2(user: User, bases: ServiceBases): object {
  const { sourcedId, role, orgs, enabledUser, metadata, ...rest } = user;
  return {
    sourcedId: userGuid(sourcedId),
    ...refsV1p2(rest, bases),
    metadata: { ...metadata, ic: { legacysourceId: sourcedId } },
    enabledUser: String(enabledUser),
    roles: orgs.map((org, i) => ({
      roleType: i === 0 ? 'primary' : 'secondary',
      role,
      org: refV1p2(org, bases),
    })),
    ...(orgs[0] ? { primaryOrg: refV1p2(orgs[0], bases) } : {}),
  };
}

export function entityV1p2(
  collection: Collection,
  entity: object,
  bases: ServiceBases,
  data: DistrictData,
): object {
  const e = entity as Record<string, unknown>;
  switch (collection) {
    case 'users':
      return userV1p2(entity as User, bases);
    case 'classes':
      return {
        ...refsV1p2(e, bases),
        periods: String(e.periods ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      };
    case 'enrollments':
      return { ...refsV1p2(e, bases), primary: String(e.primary) };
    case 'lineItems': {
      const school = e.school ?? data.classes.get((e.class as Ref).sourcedId)?.school;
      return refsV1p2(school ? { ...e, school } : e, bases);
    }
    default:
      return refsV1p2(e, bases);
  }
}

export function viewV1p2(bases: ServiceBases, ids: UserIds, data: DistrictData): View {
  return {
    version: '1.2',
    shape: (collection, items) => items.map((e) => entityV1p2(collection, e, bases, data)),
    finish: (value) => value,
    fields: (collection) => FIELDS_V1P2[collection],
    userId: (id) => ids.legacy(id),
  };
}
