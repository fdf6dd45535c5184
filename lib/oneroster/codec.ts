/**
 * The wire codecs: turn the planner's version-neutral drafts (LineItemToPut, ResultToPut) into
 * the PUT bodies of the connection's OneRoster version.
 *
 * - 1.1 sends exactly what Google's export sends: GUIDRefs as `{sourcedId}` only (vendors accept
 *   it, and an href or type we would have to make up could be wrong), the draft's fields as they
 *   are, and nothing 1.1 lacks (`school`, `late`, `missing`).
 * - 1.2 sends what its OpenAPI (LineItemDType, ResultDType, `additionalProperties: false`)
 *   requires and nothing else: full typed refs `{href, sourcedId, type}` under the service bases,
 *   `status` and `dateLastModified`, the school and category every line item needs, the late and
 *   missing flags as "true"/"false" strings, `scoreDate` as a date (oneroster-1.2.md §4, §5).
 *   A draft 1.2 cannot carry is refused with a OneRosterDraftError before anything is sent.
 */
import { OneRosterDraftError } from './errors';
import type { LineItemToPut, RefToSend, ResultToPut } from './schemas';
import { buildUrl } from './url';
import type { OneRosterVersion, ScoreDateFormat, ServiceBases } from './version';

/** Builds the `{"lineItem": …}` / `{"result": …}` contents for one connection's version. */
export interface WireCodec {
  lineItemBody(draft: LineItemToPut): Record<string, unknown>;
  resultBody(draft: ResultToPut): Record<string, unknown>;
}

export interface CodecOptions {
  version: OneRosterVersion;
  bases: ServiceBases;
  /** 1.2 `scoreDate`: the spec's `YYYY-MM-DD` (default) or the full date-time. */
  scoreDateFormat?: ScoreDateFormat;
  /** Epoch ms, for 1.2's `dateLastModified`. */
  now: () => number;
}

const defined = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined));

const bareRef = (value: RefToSend | undefined) => value && { sourcedId: value.sourcedId };

/** The UTC day (`YYYY-MM-DD`) of an ISO instant: the `date` format both specs give scoreDate. */
const utcDay = (instant: string) => new Date(instant).toISOString().slice(0, 10);

/** OneRoster 1.1: Google's wire form — refs as `{sourcedId}` only, no 1.2-only fields. */
const v1p1: WireCodec = {
  lineItemBody({ class: klass, category, gradingPeriod, school: _school, ...fields }) {
    const refs = {
      class: bareRef(klass),
      category: bareRef(category),
      gradingPeriod: bareRef(gradingPeriod),
    };
    return defined({ ...fields, ...refs });
  },
  resultBody({ lineItem, student, late: _late, missing: _missing, scoreDate, ...fields }) {
    const refs = { lineItem: bareRef(lineItem), student: bareRef(student) };
    return defined({ ...fields, scoreDate: utcDay(scoreDate), ...refs });
  },
};

/** The 1.2 ref types this client sends, and the service and collection each one lives in. */
const REF_TARGETS = {
  class: ['rostering', 'classes'],
  org: ['rostering', 'orgs'],
  academicSession: ['rostering', 'academicSessions'],
  user: ['rostering', 'users'],
  category: ['gradebook', 'categories'],
  lineItem: ['gradebook', 'lineItems'],
} as const satisfies Record<string, readonly [keyof ServiceBases, string]>;
type RefType = keyof typeof REF_TARGETS;

const flag = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

function v1p2(bases: ServiceBases, scoreDateFormat: ScoreDateFormat, now: () => number) {
  const ref = (type: RefType, value: RefToSend) => {
    const [service, collection] = REF_TARGETS[type];
    const href = buildUrl(bases[service], [collection, value.sourcedId]);
    return { href, sourcedId: value.sourcedId, type };
  };
  const optionalRef = (type: RefType, value: RefToSend | undefined) => value && ref(type, value);
  const stamp = () => new Date(now()).toISOString();
  // The export instant as the spec's date (its UTC day), or as given for servers that want one.
  const scoreDate = (instant: string) =>
    scoreDateFormat === 'date-time' ? instant : utcDay(instant);

  const codec: WireCodec = {
    lineItemBody(draft) {
      const url = buildUrl(bases.gradebook, ['lineItems', draft.sourcedId]);
      if (!draft.school) throw new OneRosterDraftError('no-school', draft.sourcedId, url);
      if (!draft.category) throw new OneRosterDraftError('no-category', draft.sourcedId, url);
      return defined({
        sourcedId: draft.sourcedId,
        status: draft.status ?? 'active',
        dateLastModified: stamp(),
        title: draft.title,
        description: draft.description,
        assignDate: draft.assignDate,
        dueDate: draft.dueDate,
        class: ref('class', draft.class),
        school: ref('org', draft.school),
        category: ref('category', draft.category),
        gradingPeriod: optionalRef('academicSession', draft.gradingPeriod),
        resultValueMin: draft.resultValueMin,
        resultValueMax: draft.resultValueMax,
      });
    },
    resultBody(draft) {
      return defined({
        sourcedId: draft.sourcedId,
        status: draft.status ?? 'active',
        dateLastModified: stamp(),
        lineItem: ref('lineItem', draft.lineItem),
        student: ref('user', draft.student),
        scoreStatus: draft.scoreStatus,
        score: draft.score,
        scoreDate: scoreDate(draft.scoreDate),
        comment: draft.comment,
        late: flag(draft.late),
        missing: flag(draft.missing),
      });
    },
  };
  return codec;
}

/** The codec of one connection. */
export function codecFor({ version, bases, scoreDateFormat, now }: CodecOptions): WireCodec {
  return version === '1.1' ? v1p1 : v1p2(bases, scoreDateFormat ?? 'date', now);
}
