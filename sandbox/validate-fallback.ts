/**
 * Structural checks used only when an IMS OpenAPI file is missing (a checkout without shared/).
 * They mirror the relaxed 1.1 schemas and the strict/relaxed 1.2 gradebook schemas of openapi.ts:
 * same required fields, enums, formats and (1.2) no unknown properties.
 */
import { z } from 'zod';
import { invalidBody } from './imsx.ts';

const REF_TYPES = [
  'academicSession',
  'category',
  'class',
  'course',
  'demographics',
  'enrollment',
  'lineItem',
  'org',
  'resource',
  'result',
  'student',
  'teacher',
  'user',
  'term',
  'gradingPeriod',
] as const;

const guidRef = z.object({
  href: z.string().optional(),
  sourcedId: z.string(),
  type: z.enum(REF_TYPES).optional(),
});

const base = {
  sourcedId: z.string().optional(),
  status: z.enum(['active', 'tobedeleted']).optional(),
  dateLastModified: z.iso.datetime({ offset: true }).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
};

const lineItem = z.object({
  lineItem: z.object({
    ...base,
    title: z.string(),
    description: z.string().optional(),
    assignDate: z.iso.datetime({ offset: true }),
    dueDate: z.iso.datetime({ offset: true }).optional(),
    class: guidRef,
    category: guidRef.optional(),
    gradingPeriod: guidRef.optional(),
    resultValueMin: z.number(),
    resultValueMax: z.number().optional(),
  }),
});

const result = z.object({
  result: z.object({
    ...base,
    lineItem: guidRef,
    student: guidRef,
    scoreStatus: z.enum([
      'exempt',
      'fully graded',
      'not submitted',
      'partially graded',
      'submitted',
    ]),
    score: z.number(),
    // Google sends a date-time where the 1.1 schema says date: accept both.
    scoreDate: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
    comment: z.string().optional(),
  }),
});

function checker(schema: z.ZodType) {
  return (body: unknown) => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return;
    throw invalidBody(
      parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || '(body)',
        message:
          issue.code === 'invalid_type' && issue.input === undefined
            ? 'is required'
            : issue.message,
      })),
    );
  };
}

export function fallbackValidators() {
  return { lineItem: checker(lineItem), result: checker(result) };
}

const flag = z.enum(['true', 'false']).optional();

export function fallbackValidatorsV1p2(mode: 'strict' | 'relaxed') {
  const strict = mode === 'strict';
  const ref = (type: string) =>
    z.strictObject({
      href: strict ? z.url() : z.string().optional(),
      sourcedId: z.string(),
      type: strict ? z.literal(type) : z.literal(type).optional(),
    });
  const serverSet = <T extends z.ZodType>(schema: T) => (strict ? schema : schema.optional());
  const base = {
    sourcedId: z.string(),
    status: serverSet(z.enum(['active', 'tobedeleted'])),
    dateLastModified: serverSet(z.iso.datetime({ offset: true })),
    metadata: z.record(z.string(), z.unknown()).optional(),
  };
  const lineItemV1p2 = z.strictObject({
    lineItem: z.strictObject({
      ...base,
      title: z.string(),
      description: z.string().optional(),
      assignDate: z.iso.datetime({ offset: true }),
      dueDate: z.iso.datetime({ offset: true }),
      class: ref('class'),
      school: ref('org'),
      // Missing is IC's 422, as in openapi.ts.
      category: ref('category').optional(),
      gradingPeriod: ref('academicSession').optional(),
      academicSession: ref('academicSession').optional(),
      scoreScale: ref('scoreScale').optional(),
      resultValueMin: z.number().optional(),
      resultValueMax: z.number().optional(),
      learningObjectiveSet: z.array(z.unknown()).optional(),
    }),
  });
  const resultV1p2 = z.strictObject({
    result: z.strictObject({
      ...base,
      lineItem: ref('lineItem'),
      student: ref('user'),
      class: ref('class').optional(),
      scoreScale: ref('scoreScale').optional(),
      scoreStatus: z.union([
        z.enum(['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted']),
        z.string().regex(/(ext:)[a-zA-Z0-9.\-_]+/),
      ]),
      score: z.number().optional(),
      textScore: z.string().optional(),
      scoreDate: strict ? z.iso.date() : z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
      comment: z.string().optional(),
      learningObjectiveSet: z.array(z.unknown()).optional(),
      inProgress: flag,
      incomplete: flag,
      late: flag,
      missing: flag,
    }),
  });
  return { lineItem: checker(lineItemV1p2), result: checker(resultV1p2) };
}
