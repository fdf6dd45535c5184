/**
 * Structural checks used only when the IMS OpenAPI file is missing (a checkout without shared/).
 * They mirror the relaxed 1.1 schemas of openapi.ts: same required fields, enums and formats.
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
