/**
 * Gradebook entities: categories, line items (coursework columns) and results (grades).
 * Strict on what an export depends on: scores are finite numbers and scoreStatus is one of the
 * five OneRoster 1.1 values (IMS OpenAPI Result.Type); everything descriptive is lenient.
 */
import { z } from '../zod';
import {
  baseFields,
  DateOrDateTimeSchema,
  FiniteNumberSchema,
  GuidRefSchema,
  optional,
} from './schemas-common';

/** The OneRoster 1.1 scoreStatus values, spaces included. Classroom "excused" maps to exempt. */
export const SCORE_STATUSES = [
  'exempt',
  'fully graded',
  'not submitted',
  'partially graded',
  'submitted',
] as const;
export const ScoreStatusSchema = z.enum(SCORE_STATUSES);
export type ScoreStatus = z.infer<typeof ScoreStatusSchema>;

/** A grading category (Category.Type); `metadata.classId` marks a class-specific one (Canvas). */
export const CategorySchema = z.object({
  ...baseFields,
  title: optional(z.string()),
});
export type Category = z.infer<typeof CategorySchema>;

/** A gradebook column (LineItem.Type). */
export const LineItemSchema = z.object({
  ...baseFields,
  title: optional(z.string()),
  description: optional(z.string()),
  assignDate: optional(z.string()),
  dueDate: optional(z.string()),
  class: GuidRefSchema,
  category: optional(GuidRefSchema),
  gradingPeriod: optional(GuidRefSchema),
  resultValueMin: optional(FiniteNumberSchema),
  resultValueMax: optional(FiniteNumberSchema),
});
export type LineItem = z.infer<typeof LineItemSchema>;

/** One student's grade on one line item (Result.Type). */
export const ResultSchema = z.object({
  ...baseFields,
  lineItem: GuidRefSchema,
  student: GuidRefSchema,
  scoreStatus: ScoreStatusSchema,
  score: FiniteNumberSchema,
  scoreDate: optional(DateOrDateTimeSchema),
  comment: optional(z.string()),
});
export type Result = z.infer<typeof ResultSchema>;

/** A reference as the client sends it: `{sourcedId}` only, exactly like Google's export (§A). */
export interface RefToSend {
  sourcedId: string;
}

/**
 * A line item to PUT. Dates are full ISO-8601 UTC with milliseconds (`Date#toISOString`), the
 * format Google sends. `sourcedId` is chosen by the client and becomes the URL id.
 */
export interface LineItemToPut {
  sourcedId: string;
  title: string;
  description?: string;
  assignDate: string;
  dueDate: string;
  class: RefToSend;
  category?: RefToSend;
  gradingPeriod?: RefToSend;
  resultValueMin: number;
  resultValueMax: number;
  status?: 'active' | 'tobedeleted';
}

/** A result to PUT; a score above resultValueMax (extra credit) is sent as is. */
export interface ResultToPut {
  sourcedId: string;
  lineItem: RefToSend;
  student: RefToSend;
  scoreStatus: ScoreStatus;
  score: number;
  scoreDate: string;
  comment?: string;
  status?: 'active' | 'tobedeleted';
}
