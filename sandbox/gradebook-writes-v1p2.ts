/**
 * 1.2 PUT /lineItems/{id} and PUT /results/{id}: schema check (400, validate.ts), then the
 * semantic checks below (422, "well-formed but semantically erroneous" in the 1.2 OpenAPI), then
 * store into the same maps 1.1 writes use, so either version reads what the other wrote. 201 on
 * create, 200 on update, no body (the 1.2 OpenAPI defines none; clients must not rely on one).
 *
 * Semantic errors (422): body sourcedId ≠ URL id; an unknown class, school, category, grading
 * period, academic session, score scale (none exist), line item or student; a school that is not
 * the class's; a category of another class; a student not enrolled in the line item's class; a
 * result class that is not its line item's; and Infinite Campus's rule that a line item has a real
 * category (missing, or the 1.1 placeholder 11111111-…, is refused; kb I2).
 */
import {
  compact,
  existing,
  type Incoming,
  type RefIn,
  truncate,
  type WriteDeps,
} from './gradebook-writes.ts';
import { unprocessable } from './imsx.ts';
import type { LineItem, Ref, RefType, Result } from './model.ts';
import { ref } from './model.ts';
import type { UserIds } from './present-v1p2.ts';
import type { Reply } from './router.ts';

export interface V1p2WriteDeps extends WriteDeps {
  ids: UserIds;
}

/** IC 1.1's "no category" value, which IC 1.2 refuses (kb I2). */
export const PLACEHOLDER_CATEGORY = '11111111-1111-1111-1111-111111111111';

function sameId(kind: string, body: Incoming, id: string) {
  if (body.sourcedId !== id) {
    throw unprocessable(`${kind}.sourcedId '${body.sourcedId}' does not match '${id}' in the URL`);
  }
}

/** 1.2 answers an unknown ref with 422 (semantically erroneous), not 1.1's 400. */
const known = (field: string, given: RefIn, exists: (id: string) => boolean, type: RefType) =>
  existing(field, given, exists, type, unprocessable);

export function putLineItemV1p2(deps: V1p2WriteDeps, id: string, body: unknown): Reply {
  deps.validator.lineItem(body);
  const li = (body as { lineItem: Incoming }).lineItem;
  sameId('lineItem', li, id);
  const { data } = deps;
  const classRef = known('lineItem.class', li.class as RefIn, (c) => data.classes.has(c), 'class');
  const klass = data.classes.get(classRef?.sourcedId ?? '');
  const schoolRef = known(
    'lineItem.school',
    li.school as RefIn,
    (o) => data.orgs.get(o)?.type === 'school',
    'org',
  );
  if (klass && schoolRef && klass.school.sourcedId !== schoolRef.sourcedId) {
    throw unprocessable(
      `lineItem.school.sourcedId '${schoolRef.sourcedId}' is not the school of class '${klass.sourcedId}' (${klass.school.sourcedId})`,
    );
  }
  const category = li.category as RefIn;
  if (!category || category.sourcedId === PLACEHOLDER_CATEGORY) {
    throw unprocessable(
      'lineItem.category: a line item needs a real category (missing or the placeholder ' +
        `${PLACEHOLDER_CATEGORY} is refused, as Infinite Campus 1.2 does)`,
    );
  }
  const categoryRef = known(
    'lineItem.category',
    category,
    (c) => data.categories.has(c),
    'category',
  );
  const owner = data.categories.get(category.sourcedId)?.metadata?.classId;
  if (owner !== undefined && owner !== klass?.sourcedId) {
    throw unprocessable(
      `lineItem.category.sourcedId '${category.sourcedId}' belongs to class '${String(owner)}'`,
    );
  }
  const session = (type?: string) => (s: string) => {
    const found = data.academicSessions.get(s);
    return found !== undefined && (type === undefined || found.type === type);
  };
  if (li.scoreScale) {
    throw unprocessable(
      `lineItem.scoreScale.sourcedId '${(li.scoreScale as { sourcedId: string }).sourcedId}' does not exist (this SIS has no score scales)`,
    );
  }
  const stored: LineItem = compact({
    sourcedId: id,
    status: li.status ?? 'active',
    dateLastModified: new Date(deps.now()).toISOString(),
    metadata: li.metadata,
    title: truncate(li.title as string, deps.titleLimit()),
    description: li.description as string | undefined,
    assignDate: li.assignDate as string,
    dueDate: li.dueDate as string | undefined,
    class: classRef as Ref,
    school: schoolRef,
    category: categoryRef,
    gradingPeriod: known(
      'lineItem.gradingPeriod',
      li.gradingPeriod as RefIn,
      session('gradingPeriod'),
      'gradingPeriod',
    ),
    academicSession: known(
      'lineItem.academicSession',
      li.academicSession as RefIn,
      session(),
      'academicSession',
    ),
    resultValueMin: li.resultValueMin as number | undefined,
    resultValueMax: li.resultValueMax as number | undefined,
  });
  const created = !data.lineItems.has(id);
  data.lineItems.set(id, stored);
  return { status: created ? 201 : 200 };
}

export function putResultV1p2(deps: V1p2WriteDeps, id: string, body: unknown): Reply {
  deps.validator.result(body);
  const r = (body as { result: Incoming }).result;
  sameId('result', r, id);
  const { data, ids } = deps;
  const lineItemRef = known(
    'result.lineItem',
    r.lineItem as RefIn,
    (l) => data.lineItems.has(l),
    'lineItem',
  ) as Ref;
  const given = (r.student as { sourcedId: string }).sourcedId;
  const legacy = ids.legacy(given);
  if (legacy === undefined || data.users.get(legacy)?.role !== 'student') {
    const hint =
      data.users.get(given)?.role === 'student'
        ? `; that is the student's 1.1 sourcedId, 1.2 names them '${ids.guid(given)}'`
        : '';
    throw unprocessable(`result.student.sourcedId '${given}' is not a student${hint}`);
  }
  const classId = data.lineItems.get(lineItemRef.sourcedId)?.class.sourcedId;
  const enrolled = [...data.enrollments.values()].some(
    (e) => e.class.sourcedId === classId && e.user.sourcedId === legacy && e.role === 'student',
  );
  if (!enrolled) {
    throw unprocessable(
      `result.student.sourcedId '${given}' is not enrolled in class '${classId}' of line item '${lineItemRef.sourcedId}'`,
    );
  }
  const classGiven = r.class as RefIn;
  if (classGiven && classGiven.sourcedId !== classId) {
    throw unprocessable(
      `result.class.sourcedId '${classGiven.sourcedId}' is not the class of line item '${lineItemRef.sourcedId}' (${classId})`,
    );
  }
  if (r.scoreScale) {
    throw unprocessable(
      `result.scoreScale.sourcedId '${(r.scoreScale as { sourcedId: string }).sourcedId}' does not exist (this SIS has no score scales)`,
    );
  }
  const stored: Result = compact({
    sourcedId: id,
    status: r.status ?? 'active',
    dateLastModified: new Date(deps.now()).toISOString(),
    metadata: r.metadata,
    lineItem: lineItemRef,
    student: ref('student', legacy),
    class: classGiven ? ref('class', classGiven.sourcedId) : undefined,
    scoreStatus: r.scoreStatus as string,
    score: r.score as number | undefined,
    textScore: r.textScore as string | undefined,
    scoreDate: r.scoreDate as string,
    comment: r.comment as string | undefined,
    inProgress: r.inProgress as Result['inProgress'],
    incomplete: r.incomplete as Result['incomplete'],
    late: r.late as Result['late'],
    missing: r.missing as Result['missing'],
  });
  const created = !data.results.has(id);
  data.results.set(id, stored);
  return { status: created ? 201 : 200 };
}
