/**
 * Building blocks shared by the OneRoster entity schemas: lenient where vendors differ (nulls,
 * relative hrefs, loose dates), strict where a wrong value would corrupt an export (ids, numbers).
 */
import { z } from '../zod';

/**
 * An optional field that also accepts `null`, read as absent. Aeries returns `null` for unset
 * `identifier`, `parent` and `metadata` instead of leaving them out (research §G).
 */
export function optional<T extends z.ZodMiniType>(schema: T) {
  return preprocess((value) => (value === null ? undefined : value), z.optional(schema));
}

/** Classic zod's `z.preprocess`: `fn` rewrites the raw input before `schema` checks it. */
function preprocess<T extends z.ZodMiniType>(fn: (value: unknown) => unknown, schema: T) {
  return z.pipe(z.transform<unknown, unknown>(fn), schema);
}

/** The identity of every entity; empty ids would address collections instead of entities. */
export const SourcedIdSchema = z.string().check(z.trim(), z.minLength(1));

/**
 * A reference to another entity. The IMS schema requires href and type, but Google's own client
 * sends `{sourcedId}` only and Aeries sends relative `~/ims/oneroster/v1p1/...` hrefs, so only
 * the sourcedId is required and href is any string.
 */
export const GuidRefSchema = z.object({
  sourcedId: SourcedIdSchema,
  href: optional(z.string()),
  type: optional(z.string()),
});
export type GuidRef = z.infer<typeof GuidRefSchema>;

/** A list of references; a missing or null list reads as empty. */
export const GuidRefListSchema = preprocess((value) => value ?? [], z.array(GuidRefSchema));

// `YYYY-MM-DD`, optionally followed by a time (T or space) and zone; precise enough to reject
// garbage, loose enough for every vendor's date-time flavour.
const DATE_OR_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** A date or date-time string (`scoreDate`: the spec says date, Google sends date-time). */
export const DateOrDateTimeSchema = z.string().check(z.regex(DATE_OR_DATE_TIME, 'Expected a date'));

/** A finite number; NaN and Infinity cannot be graded. */
// zod 4 numbers already reject NaN and ±Infinity.
export const FiniteNumberSchema = z.number();

/**
 * Fields every entity has (Base.Type). Only sourcedId is enforced: `status` and
 * `dateLastModified` are informational here and vary by vendor; `metadata` is free-form.
 */
export const baseFields = {
  sourcedId: SourcedIdSchema,
  status: optional(z.string()),
  dateLastModified: optional(z.string()),
  metadata: optional(z.record(z.string(), z.unknown())),
};
