import { describe, expect, it } from 'vitest';
import { readStatusInfo } from '@/lib/oneroster/errors';
import {
  AcademicSessionSchema,
  CategorySchema,
  ClassSchema,
  GuidRefSchema,
  LineItemSchema,
  legacySourceId,
  OrgSchema,
  ResultSchema,
  SCORE_STATUSES,
  UserSchema,
  userRoles,
} from '@/lib/oneroster/schemas';
import * as fixtures from './fixtures';

describe('OneRoster schemas: lenient where vendors differ', () => {
  it('accepts a GUIDRef with only a sourcedId, and Aeries relative ~/ims hrefs', () => {
    expect(GuidRefSchema.parse({ sourcedId: 'x' })).toEqual({ sourcedId: 'x' });
    expect(
      GuidRefSchema.parse({ href: '~/ims/oneroster/v1p1/orgs/894', sourcedId: '894', type: 'org' }),
    ).toEqual({ href: '~/ims/oneroster/v1p1/orgs/894', sourcedId: '894', type: 'org' });
  });

  it('reads nulls as absent (Aeries sends identifier/parent/metadata: null)', () => {
    const user = UserSchema.parse({ ...fixtures.student(1), metadata: null, middleName: null });
    expect(user.identifier).toBeUndefined();
    expect(user.metadata).toBeUndefined();
    expect(CategorySchema.parse(fixtures.category('C1')).metadata).toBeUndefined();
  });

  it('strips unknown extra fields instead of failing', () => {
    const parsed = ClassSchema.parse({
      ...fixtures.klass,
      vendorExtension: { x: 1 },
      gradeLevel: 9,
    });
    expect(parsed).not.toHaveProperty('vendorExtension');
    expect(parsed.terms).toEqual([
      { href: '~/ims/oneroster/v1p1/academicSessions/T1', sourcedId: 'T1', type: 'term' },
    ]);
  });

  it('tolerates missing or loose dateLastModified, string booleans, numeric schoolYear', () => {
    const { dateLastModified: _, ...withoutDate } = fixtures.teacher;
    expect(UserSchema.parse(withoutDate).enabledUser).toBe('true');
    expect(
      UserSchema.parse({ ...fixtures.teacher, dateLastModified: '2024-08-20' }).sourcedId,
    ).toBe('TCH_1001');
    expect(AcademicSessionSchema.parse(fixtures.gradingPeriod).schoolYear).toBe('2025');
    expect(OrgSchema.parse({ sourcedId: '894', name: 'District', type: 'district' }).name).toBe(
      'District',
    );
    expect(ClassSchema.parse({ sourcedId: 'C', periods: '3' }).terms).toEqual([]);
  });

  it.each([
    '2024-09-10',
    '2024-09-10T12:00:00.000Z',
    '2024-09-10T12:00:00Z',
    '2024-09-10T12:00:00+02:00',
    '2024-09-10 12:00:00',
  ])('accepts scoreDate %s (date or date-time)', (scoreDate) => {
    expect(ResultSchema.parse({ ...fixtures.result, scoreDate }).scoreDate).toBe(scoreDate);
  });

  it('accepts metadata of any shape and every 1.1 scoreStatus', () => {
    expect(
      LineItemSchema.parse({ ...fixtures.lineItem, metadata: { a: [1, { b: null }] } }).metadata,
    ).toEqual({ a: [1, { b: null }] });
    for (const scoreStatus of SCORE_STATUSES) {
      expect(ResultSchema.parse({ ...fixtures.result, scoreStatus }).scoreStatus).toBe(scoreStatus);
    }
    // Extra credit above resultValueMax is data, not an error.
    expect(ResultSchema.parse({ ...fixtures.result, score: 300 }).score).toBe(300);
  });
});

describe('OneRoster 1.2 shapes', () => {
  const user12 = {
    sourcedId: '8c1e6a52-0000-4000-8000-000000000001',
    status: 'active',
    dateLastModified: '2024-08-20T10:00:00.000Z',
    email: 't.one@school.org',
    enabledUser: 'false',
    roles: [
      { roleType: 'primary', role: 'teacher', org: { sourcedId: '894', type: 'org' } },
      { roleType: 'secondary', role: 'administrator', org: { sourcedId: '1' }, userProfile: 'p' },
      { roleType: 'secondary', role: 'teacher', org: { sourcedId: '895' } },
    ],
    primaryOrg: { href: 'https://x/orgs/894', sourcedId: '894', type: 'org' },
    metadata: { ic: { legacysourceId: 'TCH_1001' } },
  };

  it('reads roles[] and primaryOrg; userRoles gives each role once, 1.1 role otherwise', () => {
    const user = UserSchema.parse(user12);
    expect(user.primaryOrg?.sourcedId).toBe('894');
    expect(user.enabledUser).toBe('false');
    expect(userRoles(user)).toEqual(['teacher', 'administrator']);
    expect(userRoles(UserSchema.parse(fixtures.teacher))).toEqual(['teacher']);
    expect(userRoles(UserSchema.parse({ sourcedId: 'x' }))).toEqual([]);
  });

  it.each([
    [{ ic: { legacysourceId: 'TCH_1001' } }, 'TCH_1001'],
    [{ ic: { legacysourceId: ' 1001 ' } }, '1001'],
    [{ ic: { legacysourceId: 1001 } }, '1001'],
    [{ ic: { legacysourceId: '' } }, undefined],
    [{ ic: 'TCH_1001' }, undefined],
    [{ ic: { legacysourceId: { id: 1 } } }, undefined],
    [{ legacysourceId: 'TCH_1001' }, undefined],
    [undefined, undefined],
  ])('legacySourceId of metadata %o is %s', (metadata, expected) => {
    expect(legacySourceId(UserSchema.parse({ ...user12, metadata }))).toBe(expected);
  });

  it('reads a result without score, with textScore, string or boolean flags', () => {
    const { score: _, ...scoreless } = fixtures.result;
    const parsed = ResultSchema.parse({
      ...scoreless,
      scoreStatus: 'submitted',
      textScore: 'B+',
      late: 'true',
      missing: 'FALSE',
      inProgress: true,
      incomplete: 'maybe',
    });
    expect(parsed).not.toHaveProperty('score');
    expect(parsed).toMatchObject({ textScore: 'B+', late: true, missing: false, inProgress: true });
    expect(parsed.incomplete).toBeUndefined();
  });

  it.each(['ext:late', 'ext:IC.teacher-review_2'])(
    'accepts the extension scoreStatus %s',
    (status) => {
      expect(ResultSchema.parse({ ...fixtures.result, scoreStatus: status }).scoreStatus).toBe(
        status,
      );
    },
  );

  it.each(['late', 'ext:', 'ext:with space', 'x-ext:late'])(
    'rejects the scoreStatus %s',
    (status) => {
      expect(ResultSchema.safeParse({ ...fixtures.result, scoreStatus: status }).success).toBe(
        false,
      );
    },
  );

  it("keeps a line item's school and academicSession", () => {
    const parsed = LineItemSchema.parse({
      ...fixtures.lineItem,
      school: { sourcedId: '894', type: 'org' },
      academicSession: { sourcedId: 'T1', type: 'academicSession' },
    });
    expect(parsed.school?.sourcedId).toBe('894');
    expect(parsed.academicSession?.sourcedId).toBe('T1');
  });
});

describe('OneRoster schemas: strict where an export depends on it', () => {
  it.each([
    ['a missing sourcedId', UserSchema, { ...fixtures.teacher, sourcedId: undefined }],
    ['an empty sourcedId', ClassSchema, { ...fixtures.klass, sourcedId: '  ' }],
    ['a GUIDRef without sourcedId', LineItemSchema, { ...fixtures.lineItem, class: { href: 'x' } }],
    ['a non-numeric score', ResultSchema, { ...fixtures.result, score: '87.5' }],
    ['an unknown scoreStatus', ResultSchema, { ...fixtures.result, scoreStatus: 'excused' }],
    ['a 1.0-style scoreStatus', ResultSchema, { ...fixtures.result, scoreStatus: 'fullyGraded' }],
    ['a garbage scoreDate', ResultSchema, { ...fixtures.result, scoreDate: 'yesterday' }],
    ['a string resultValueMax', LineItemSchema, { ...fixtures.lineItem, resultValueMax: '100' }],
  ] as const)('rejects %s', (_name, schema, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });

  it('rejects non-finite numbers', () => {
    expect(ResultSchema.safeParse({ ...fixtures.result, score: Number.NaN }).success).toBe(false);
    expect(
      LineItemSchema.safeParse({ ...fixtures.lineItem, resultValueMax: Infinity }).success,
    ).toBe(false);
  });
});

describe('readStatusInfo', () => {
  const minor = (value: string) => ({
    imsx_codeMinorField: [
      { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: value },
    ],
  });

  it.each([
    [
      'bare',
      {
        imsx_codeMajor: 'failure',
        imsx_description: 'Bad date',
        imsx_CodeMinor: minor('invaliddata'),
      },
    ],
    [
      'wrapped',
      {
        imsx_StatusInfo: {
          imsx_codeMajor: 'failure',
          imsx_description: 'Bad date',
          imsx_CodeMinor: minor('invaliddata'),
        },
      },
    ],
    [
      'in a statusInfoSet',
      {
        statusInfoSet: [
          {
            imsx_codeMajor: 'failure',
            imsx_description: 'Bad date',
            imsx_codeMinor: minor('invaliddata'),
          },
        ],
      },
    ],
  ])('reads a %s payload', (_name, body) => {
    expect(readStatusInfo(body)).toMatchObject({
      codeMajor: 'failure',
      description: 'Bad date',
      codeMinor: ['invaliddata'],
    });
  });

  it('accepts a single codeMinorField object and ignores bodies without status', () => {
    expect(
      readStatusInfo({
        imsx_codeMajor: 'failure',
        imsx_CodeMinor: { imsx_codeMinorField: { imsx_codeMinorFieldValue: 'unknownobject' } },
      })?.codeMinor,
    ).toEqual(['unknownobject']);
    expect(readStatusInfo({ users: [] })).toBeUndefined();
    expect(readStatusInfo('nope')).toBeUndefined();
  });
});
