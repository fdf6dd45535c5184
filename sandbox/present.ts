/**
 * Turns stored entities into response JSON: every GUIDRef gets the `href` the 1.1 schema requires,
 * pointing at this server. Stored refs have no href because the port is only known at runtime.
 */
import type { RefType } from './model.ts';

const PATH_FOR: Record<RefType, string> = {
  academicSession: 'academicSessions',
  term: 'terms',
  gradingPeriod: 'gradingPeriods',
  category: 'categories',
  class: 'classes',
  course: 'courses',
  enrollment: 'enrollments',
  lineItem: 'lineItems',
  org: 'orgs',
  result: 'results',
  student: 'students',
  teacher: 'teachers',
  user: 'users',
};

function isRef(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof value.sourcedId === 'string' && typeof value.type === 'string';
}

export function present<T>(value: T, baseUrl: string): T {
  if (Array.isArray(value)) return value.map((v) => present(v, baseUrl)) as T;
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if (isRef(obj)) {
    const path = PATH_FOR[obj.type as RefType] ?? 'users';
    return {
      href: `${baseUrl}/${path}/${encodeURIComponent(obj.sourcedId as string)}`,
      sourcedId: obj.sourcedId,
      type: obj.type,
    } as T;
  }
  // metadata is free-form client data: passed through untouched.
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) => [k, k === 'metadata' ? v : present(v, baseUrl)]),
  ) as T;
}
