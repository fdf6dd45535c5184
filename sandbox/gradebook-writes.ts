/**
 * PUT /lineItems/{id} and PUT /results/{id}: validate, check references, store, answer 201 on
 * create and 200 on update with the stored entity (research §A steps 5–11).
 *
 * Decisions:
 * - A reference to something that does not exist (class, category, grading period, line item,
 *   student) is 400 invaliddata naming the field, not 404: the URL's resource is being created, so
 *   a 404 would wrongly say the endpoint or target is missing.
 * - A result's student must be enrolled as a student in the line item's class (400 otherwise),
 *   as a real SIS gradebook requires; this catches clients that fan results out to the wrong section.
 * - Values are stored as sent: score above resultValueMax (extra credit), scoreStatus "exempt",
 *   date strings byte for byte. Only dateLastModified is the server's, and titles may be
 *   truncated by the title-limit switch (what IC/Skyward do to long assignment names).
 */
import { badRequest, ImsxError } from './imsx.ts';
import type { DistrictData, LineItem, Ref, RefType, Result, Status } from './model.ts';
import { ref } from './model.ts';
import type { Reply } from './router.ts';
import type { BodyValidator } from './validate.ts';

export interface WriteDeps {
  data: DistrictData;
  validator: BodyValidator;
  titleLimit: () => number | undefined;
  now: () => number;
}

export interface Incoming {
  sourcedId?: string;
  status?: Status;
  metadata?: Record<string, unknown>;
  [field: string]: unknown;
}

export type RefIn = { sourcedId: string } | undefined;

function checkId(kind: string, body: Incoming, id: string) {
  if (body.sourcedId !== undefined && body.sourcedId !== id) {
    throw badRequest(`${kind}.sourcedId '${body.sourcedId}' does not match '${id}' in the URL`);
  }
}

/**
 * The stored ref for a sent one that names something that exists; `refuse` makes the error (1.1:
 * 400, 1.2: 422, gradebook-writes-v1p2.ts).
 */
export function existing(
  field: string,
  given: RefIn,
  exists: (id: string) => boolean,
  type: RefType,
  refuse: (description: string) => ImsxError = badRequest,
): Ref | undefined {
  if (!given) return undefined;
  if (!exists(given.sourcedId))
    throw refuse(`${field}.sourcedId '${given.sourcedId}' does not exist`);
  return ref(type, given.sourcedId);
}

/** Drops keys whose value is undefined so stored entities have only what was sent. */
export function compact<T extends object>(entity: T): T {
  return Object.fromEntries(Object.entries(entity).filter(([, v]) => v !== undefined)) as T;
}

export function truncate(title: string, limit: number | undefined): string {
  if (limit === undefined) return title;
  const chars = Array.from(title); // code points: never split an emoji or accented letter pair
  return chars.length > limit ? chars.slice(0, limit).join('') : title;
}

export function putLineItem(deps: WriteDeps, id: string, body: unknown): Reply {
  deps.validator.lineItem(body);
  const li = (body as { lineItem: Incoming }).lineItem;
  checkId('lineItem', li, id);
  const { data } = deps;
  const stored: LineItem = compact({
    sourcedId: id,
    status: li.status ?? 'active',
    dateLastModified: new Date(deps.now()).toISOString(),
    metadata: li.metadata,
    title: truncate(li.title as string, deps.titleLimit()),
    description: li.description as string | undefined,
    assignDate: li.assignDate as string,
    dueDate: li.dueDate as string | undefined,
    class: existing(
      'lineItem.class',
      li.class as RefIn,
      (c) => data.classes.has(c),
      'class',
    ) as Ref,
    category: existing(
      'lineItem.category',
      li.category as RefIn,
      (c) => data.categories.has(c),
      'category',
    ),
    gradingPeriod: existing(
      'lineItem.gradingPeriod',
      li.gradingPeriod as RefIn,
      (g) => data.academicSessions.get(g)?.type === 'gradingPeriod',
      'gradingPeriod',
    ),
    resultValueMin: li.resultValueMin as number,
    resultValueMax: li.resultValueMax as number | undefined,
  });
  const created = !data.lineItems.has(id);
  data.lineItems.set(id, stored);
  return { status: created ? 201 : 200, body: { lineItem: stored } };
}

export function putResult(deps: WriteDeps, id: string, body: unknown): Reply {
  deps.validator.result(body);
  const r = (body as { result: Incoming }).result;
  checkId('result', r, id);
  const { data } = deps;
  const lineItemRef = existing(
    'result.lineItem',
    r.lineItem as RefIn,
    (l) => data.lineItems.has(l),
    'lineItem',
  ) as Ref;
  const studentRef = existing(
    'result.student',
    r.student as RefIn,
    (s) => data.users.get(s)?.role === 'student',
    'student',
  ) as Ref;
  const classId = data.lineItems.get(lineItemRef.sourcedId)?.class.sourcedId;
  const enrolled = [...data.enrollments.values()].some(
    (e) =>
      e.class.sourcedId === classId &&
      e.user.sourcedId === studentRef.sourcedId &&
      e.role === 'student',
  );
  if (!enrolled) {
    throw new ImsxError(
      400,
      'invaliddata',
      `result.student.sourcedId '${studentRef.sourcedId}' is not enrolled in class '${classId}' of line item '${lineItemRef.sourcedId}'`,
    );
  }
  const stored: Result = compact({
    sourcedId: id,
    status: r.status ?? 'active',
    dateLastModified: new Date(deps.now()).toISOString(),
    metadata: r.metadata,
    lineItem: lineItemRef,
    student: studentRef,
    scoreStatus: r.scoreStatus as Result['scoreStatus'],
    score: r.score as number,
    scoreDate: r.scoreDate as string,
    comment: r.comment as string | undefined,
  });
  const created = !data.results.has(id);
  data.results.set(id, stored);
  return { status: created ? 201 : 200, body: { result: stored } };
}
