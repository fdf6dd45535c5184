/**
 * Rostering entities the product reads: users (teachers, students), classes, academic sessions
 * (terms, grading periods, school years) and orgs. Unknown extra fields are stripped, not failed.
 */
import { z } from '../zod';
import { baseFields, GuidRefListSchema, GuidRefSchema, optional } from './schemas-common';

/** A teacher or student (User.Type). Matching to Classroom uses `email`. */
export const UserSchema = z.object({
  ...baseFields,
  username: optional(z.string()),
  givenName: optional(z.string()),
  familyName: optional(z.string()),
  middleName: optional(z.string()),
  role: optional(z.string()),
  identifier: optional(z.string()),
  email: optional(z.string()),
  // Booleans arrive as "true"/"false" strings from some servers.
  enabledUser: optional(z.union([z.boolean(), z.string()])),
  userIds: optional(z.array(z.object({ type: optional(z.string()), identifier: z.string() }))),
  orgs: GuidRefListSchema,
  grades: optional(z.array(z.string())),
});
export type User = z.infer<typeof UserSchema>;

/** A class (section) a teacher teaches; `terms` leads to its grading periods. */
export const ClassSchema = z.object({
  ...baseFields,
  title: optional(z.string()),
  classCode: optional(z.string()),
  classType: optional(z.string()),
  location: optional(z.string()),
  grades: optional(z.array(z.string())),
  subjects: optional(z.array(z.string())),
  course: optional(GuidRefSchema),
  school: optional(GuidRefSchema),
  terms: GuidRefListSchema,
  // The IMS schema says string; several servers send an array of period names.
  periods: optional(z.union([z.string(), z.array(z.string())])),
});
export type OneRosterClass = z.infer<typeof ClassSchema>;

/** A term, semester, school year or grading period (AcademicSession.Type). */
export const AcademicSessionSchema = z.object({
  ...baseFields,
  title: optional(z.string()),
  type: optional(z.string()),
  startDate: optional(z.string()),
  endDate: optional(z.string()),
  parent: optional(GuidRefSchema),
  children: GuidRefListSchema,
  // "2024" per spec; some servers send the number.
  schoolYear: optional(z.pipe(z.union([z.string(), z.number()]), z.transform(String))),
});
export type AcademicSession = z.infer<typeof AcademicSessionSchema>;

/** A district, school or other organisation (Org.Type). */
export const OrgSchema = z.object({
  ...baseFields,
  name: optional(z.string()),
  type: optional(z.string()),
  identifier: optional(z.string()),
  parent: optional(GuidRefSchema),
  children: GuidRefListSchema,
});
export type Org = z.infer<typeof OrgSchema>;
