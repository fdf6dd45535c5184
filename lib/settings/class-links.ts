/**
 * `local:classLinks`: which SIS class each Classroom class exports to, with the teacher's manual
 * student matches and last preview choices. Deliberately kept across Disconnect (and Unlink keeps
 * the history): line item ids derive from the Classroom ids alone, so a reconnected or relinked
 * class exports to the same line items instead of duplicating them.
 */
import { NumericIdSchema } from '../classroom/model';
import { ONEROSTER_VERSIONS, type OneRosterVersion } from '../oneroster/version';
import { isoDateTime, z } from '../zod';
import { createSerialQueue, defineSetting } from './define-setting';

const Id = z.string().check(z.trim(), z.minLength(1), z.maxLength(256));

/** The teacher's last preview choices (the same fields the preview request carries). */
const ChoicesSchema = z.strictObject({
  excludedCoursework: z.array(NumericIdSchema).check(z.maxLength(2000)),
  /** courseworkId → SIS category sourcedId. */
  categories: z.record(NumericIdSchema, Id),
});

const Count = z.number().check(z.int(), z.gte(0));

/**
 * What carrying the link over to another OneRoster version found (lib/teacher/version-switch.ts);
 * the panel shows it until the next export.
 */
export const CarriedOverSchema = z.object({
  from: z.enum(ONEROSTER_VERSIONS),
  to: z.enum(ONEROSTER_VERSIONS),
  /** ISO date-time. */
  at: isoDateTime(),
  students: z.object({
    /** Manual matches found again by their old id: kept by the SIS, or its legacy id. */
    byLegacyId: Count,
    /** Classroom students the new roster matches by email (manual ones among them; not those
     * the teacher marked "no SIS record"). */
    byEmail: Count,
    /** Manual matches found neither way: the teacher picks them again. */
    lost: Count,
  }),
  /** The class's line items with our ids the SIS lists now: adopted, not created again. */
  lineItems: Count,
});
export type CarriedOver = z.infer<typeof CarriedOverSchema>;

export const ClassLinkSchema = z.object({
  sisClassId: Id,
  title: z.string().check(z.maxLength(1024)),
  classCode: z.optional(z.string().check(z.maxLength(256))),
  termIds: z.array(Id).check(z.maxLength(50)),
  termTitles: z.array(z.string().check(z.maxLength(256))).check(z.maxLength(50)),
  teacherSourcedId: Id,
  teacherEmail: z.string().check(z.maxLength(320)),
  /** ISO date-time. */
  linkedAt: isoDateTime(),
  /** Classroom student key → SIS student sourcedId, or null for "no SIS record". */
  studentMatches: z.record(z.string().check(z.minLength(1), z.maxLength(200)), z.nullable(Id)),
  /** The last preview's choices. */
  choices: z.optional(ChoicesSchema),
  /** The OneRoster version the ids above are in. Absent: 1.1 (linked before versions existed). */
  version: z.optional(z.enum(ONEROSTER_VERSIONS)),
  /** Set when the link was carried over from another version; cleared by the next export. */
  carriedOver: z.optional(CarriedOverSchema),
});
export type ClassLink = z.infer<typeof ClassLinkSchema>;

/** The version a link's ids are in (links stored before versions existed are 1.1). */
export function linkVersion(link: Pick<ClassLink, 'version'>): OneRosterVersion {
  return link.version ?? '1.1';
}

// Entry by entry: one damaged link must not void every other class's link.
const ClassLinksSchema = z.pipe(
  z.record(z.string(), z.unknown()),
  z.transform((raw: Record<string, unknown>) => {
    const links: Record<string, ClassLink> = {};
    for (const [courseId, value] of Object.entries(raw)) {
      const parsed = ClassLinkSchema.safeParse(value);
      if (parsed.success && NumericIdSchema.safeParse(courseId).success)
        links[courseId] = parsed.data;
      else console.warn(`[sis-export] ignoring an invalid stored class link (${courseId})`);
    }
    return links;
  }),
);

/** Classroom course id → its link. */
export const classLinksSetting = defineSetting<Record<string, ClassLink>>('local:classLinks', {
  schema: ClassLinksSchema,
  fallback: {},
  version: 1,
  migrations: {},
});

const serial = createSerialQueue();

/** The course's link, or undefined when it is not linked. */
export async function getClassLink(courseId: string): Promise<ClassLink | undefined> {
  return (await classLinksSetting.get())[courseId];
}

/**
 * Changes the course's link: `change` gets the current link (or undefined) and returns the new
 * one, or undefined to remove it. Updates run one at a time. Returns the stored result.
 */
export function updateClassLink(
  courseId: string,
  change: (link: ClassLink | undefined) => ClassLink | undefined,
): Promise<ClassLink | undefined> {
  return serial(async () => {
    const links = await classLinksSetting.read();
    const next = change(links[courseId]);
    if (next) links[courseId] = next;
    else delete links[courseId];
    await classLinksSetting.set(links);
    return next;
  });
}

/** Stores (or replaces) the course's link. */
export function saveClassLink(courseId: string, link: ClassLink): Promise<ClassLink | undefined> {
  return updateClassLink(courseId, () => link);
}

/** Unlinks the course; its export history stays (lib/settings/export-history.ts). */
export async function removeClassLink(courseId: string): Promise<void> {
  await updateClassLink(courseId, () => undefined);
}
