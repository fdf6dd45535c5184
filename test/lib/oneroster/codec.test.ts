import { describe, expect, it } from 'vitest';
import { codecFor } from '@/lib/oneroster/codec';
import { OneRosterDraftError } from '@/lib/oneroster/errors';
import { type LineItemToPut, type ResultToPut, SCORE_STATUSES } from '@/lib/oneroster/schemas';
import { serviceBases } from '@/lib/oneroster/version';
import { loadSchemas, openApiV1p2Path } from '../../../sandbox/openapi';

const NOW = Date.parse('2024-09-10T21:30:00.000Z');
const ROOT = 'https://ic.example.org/campus/api/oneroster/v1p2/district/ims/oneroster';
const R = `${ROOT}/rostering/v1p2/`;
const G = `${ROOT}/gradebook/v1p2/`;
const bases = serviceBases('1.2', ROOT);
const v1p2 = codecFor({ version: '1.2', bases, now: () => NOW });
const v1p2DateTime = codecFor({
  version: '1.2',
  bases,
  scoreDateFormat: 'date-time',
  now: () => NOW,
});
const v1p1 = codecFor({
  version: '1.1',
  bases: serviceBases('1.1', 'https://sis.example.org/ims/oneroster/v1p1'),
  now: () => NOW,
});

// The published 1.2 gradebook schemas, with none of the sandbox's changes: the codec's bodies
// must pass the spec itself.
const published = loadSchemas(openApiV1p2Path(), []);
if (!published) throw new Error(`no OneRoster 1.2 gradebook OpenAPI at ${openApiV1p2Path()}`);
const lineItemSchema = published.validator('SingleLineItemDType');
const resultSchema = published.validator('SingleResultDType');

/** The ajv errors of a wrapped body, [] when valid. */
function problems(validate: typeof lineItemSchema, body: unknown) {
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const minimalLineItem: LineItemToPut = {
  sourcedId: 'gc-li-1',
  title: 'Photosynthesis lab',
  assignDate: '2024-09-01T00:00:00.000Z',
  dueDate: '2024-09-08T23:59:00.000Z',
  class: { sourcedId: 'CLS_42' },
  school: { sourcedId: 'SCH 7' },
  category: { sourcedId: 'CAT1' },
  resultValueMin: 0,
  resultValueMax: 100,
};
const fullLineItem: LineItemToPut = {
  ...minimalLineItem,
  description: 'Lab report',
  gradingPeriod: { sourcedId: 'GP1' },
  status: 'active',
};

const result: ResultToPut = {
  sourcedId: 'gc-r-1',
  lineItem: { sourcedId: 'gc-li-1' },
  student: { sourcedId: 'STU/1' },
  scoreStatus: 'fully graded',
  score: 87.5,
  scoreDate: '2024-09-10T21:30:00.000Z',
  comment: '',
};

describe('1.1 codec: exactly the bodies sent before 1.2 existed', () => {
  it('sends bare {sourcedId} refs and drops school, late and missing', () => {
    expect(v1p1.lineItemBody(fullLineItem)).toEqual({
      sourcedId: 'gc-li-1',
      title: 'Photosynthesis lab',
      description: 'Lab report',
      assignDate: '2024-09-01T00:00:00.000Z',
      dueDate: '2024-09-08T23:59:00.000Z',
      class: { sourcedId: 'CLS_42' },
      category: { sourcedId: 'CAT1' },
      gradingPeriod: { sourcedId: 'GP1' },
      resultValueMin: 0,
      resultValueMax: 100,
      status: 'active',
    });
    expect(v1p1.resultBody({ ...result, late: true, missing: false })).toEqual({
      sourcedId: 'gc-r-1',
      lineItem: { sourcedId: 'gc-li-1' },
      student: { sourcedId: 'STU/1' },
      scoreStatus: 'fully graded',
      score: 87.5,
      // The export instant's UTC day, as the planner wrote it before the codecs existed.
      scoreDate: '2024-09-10',
      comment: '',
    });
  });

  it('sends a line item without school or category as before', () => {
    const { school: _, category: __, ...bare } = minimalLineItem;
    expect(v1p1.lineItemBody(bare)).not.toHaveProperty('category');
  });
});

describe('1.2 codec: line items', () => {
  it('writes full typed refs under the right service base, status and dateLastModified', () => {
    expect(v1p2.lineItemBody(fullLineItem)).toEqual({
      sourcedId: 'gc-li-1',
      status: 'active',
      dateLastModified: '2024-09-10T21:30:00.000Z',
      title: 'Photosynthesis lab',
      description: 'Lab report',
      assignDate: '2024-09-01T00:00:00.000Z',
      dueDate: '2024-09-08T23:59:00.000Z',
      class: { href: `${R}classes/CLS_42`, sourcedId: 'CLS_42', type: 'class' },
      school: { href: `${R}orgs/SCH%207`, sourcedId: 'SCH 7', type: 'org' },
      category: { href: `${G}categories/CAT1`, sourcedId: 'CAT1', type: 'category' },
      gradingPeriod: {
        href: `${R}academicSessions/GP1`,
        sourcedId: 'GP1',
        type: 'academicSession',
      },
      resultValueMin: 0,
      resultValueMax: 100,
    });
  });

  it.each([
    ['with every optional field', fullLineItem],
    ['with only the required fields', minimalLineItem],
    ['marked tobedeleted', { ...minimalLineItem, status: 'tobedeleted' as const }],
  ])('is valid against the 1.2 OpenAPI %s', (_name, draft) => {
    expect(problems(lineItemSchema, { lineItem: v1p2.lineItemBody(draft) })).toEqual([]);
  });

  it.each([
    ['school', 'no-school'],
    ['category', 'no-category'],
  ] as const)('refuses a draft without %s, naming the problem', (field, problem) => {
    const draft = { ...minimalLineItem, [field]: undefined };
    const refusal = (() => {
      try {
        v1p2.lineItemBody(draft);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(OneRosterDraftError);
    expect(refusal).toMatchObject({ code: 'invalid-data', problem, sourcedId: 'gc-li-1' });
  });
});

describe('1.2 codec: results', () => {
  it('writes typed lineItem/user refs, the score date as a date, flags as strings', () => {
    expect(v1p2.resultBody({ ...result, late: true, missing: false })).toEqual({
      sourcedId: 'gc-r-1',
      status: 'active',
      dateLastModified: '2024-09-10T21:30:00.000Z',
      lineItem: { href: `${G}lineItems/gc-li-1`, sourcedId: 'gc-li-1', type: 'lineItem' },
      student: { href: `${R}users/STU%2F1`, sourcedId: 'STU/1', type: 'user' },
      scoreStatus: 'fully graded',
      score: 87.5,
      scoreDate: '2024-09-10',
      comment: '',
      late: 'true',
      missing: 'false',
    });
  });

  it('writes the full date-time when the connection asks for it', () => {
    expect(v1p2DateTime.resultBody(result)).toMatchObject({
      scoreDate: '2024-09-10T21:30:00.000Z',
    });
  });

  it('leaves out the score of submitted, ungraded work, and flags that are not set', () => {
    const { score: _, ...ungraded } = { ...result, scoreStatus: 'submitted' as const };
    const body = v1p2.resultBody(ungraded as ResultToPut);
    expect(body).not.toHaveProperty('score');
    expect(body).not.toHaveProperty('late');
    expect(body).not.toHaveProperty('missing');
    expect(problems(resultSchema, { result: body })).toEqual([]);
  });

  const cases = SCORE_STATUSES.flatMap((scoreStatus) => [
    [scoreStatus, { ...result, scoreStatus }],
    [
      `${scoreStatus}, late and missing`,
      { ...result, scoreStatus, score: 0, late: true, missing: true },
    ],
    [
      `${scoreStatus}, flags false, no comment`,
      { ...result, scoreStatus, comment: undefined, late: false, missing: false },
    ],
  ]) as Array<[string, ResultToPut]>;
  it.each(cases)('is valid against the 1.2 OpenAPI: %s', (_name, draft) => {
    expect(problems(resultSchema, { result: v1p2.resultBody(draft) })).toEqual([]);
  });

  // The date-time option exists for servers that want one (as Google's suite sends): the one
  // place a body deliberately leaves the schema, and the only thing wrong with it.
  it.each(cases)(
    'with date-time scoreDates differs from the schema in scoreDate only: %s',
    (_name, draft) => {
      expect(problems(resultSchema, { result: v1p2DateTime.resultBody(draft) })).toEqual([
        '/result/scoreDate must match format "date"',
      ]);
    },
  );
});

describe('the schema check itself bites', () => {
  it('fails an extra property, a bare ref, a boolean flag and a missing school', () => {
    const lineItem = v1p2.lineItemBody(minimalLineItem);
    const body = v1p2.resultBody({ ...result, late: true });
    expect(problems(lineItemSchema, { lineItem: { ...lineItem, gradeLevel: 9 } })).not.toEqual([]);
    expect(
      problems(resultSchema, { result: { ...body, student: { sourcedId: 'S' } } }),
    ).not.toEqual([]);
    expect(problems(resultSchema, { result: { ...body, late: true } })).not.toEqual([]);
    const { school: _, ...schoolless } = lineItem;
    expect(problems(lineItemSchema, { lineItem: schoolless })).not.toEqual([]);
    // The 1.1 bodies are not 1.2 bodies: bare refs, no status.
    expect(problems(lineItemSchema, { lineItem: v1p1.lineItemBody(minimalLineItem) })).not.toEqual(
      [],
    );
    expect(problems(resultSchema, { result: v1p1.resultBody(result) })).not.toEqual([]);
  });
});
