/**
 * `local:exportHistory:<courseId>`: what this extension exported for one Classroom class — the
 * last 20 export summaries, when each coursework was last exported completely, and every result
 * it last wrote (the planner's `previousResults`, used when a SIS cannot list results). One key
 * per class keeps each write small. Kept across Unlink and Disconnect, like the class links;
 * Disconnect can delete its grades (`deleteHistoryGrades`).
 */

import { storage } from 'wxt/utils/storage';
import { z } from '../zod';
import { createSerialQueue, defineSetting, type Setting } from './define-setting';

/** Summaries kept per class, newest first. */
export const HISTORY_LENGTH = 20;

const Count = z.number().check(z.int(), z.gte(0));

/** An export made for another SIS teacher than the signed-in account (lib/teacher/teacher-identity.ts). */
const TeacherOverrideSchema = z.object({
  /** The signed-in account; empty when the page did not show it. */
  account: z.string().check(z.maxLength(320)),
  sisTeacher: z.string().check(z.maxLength(320)),
});

/**
 * One ended export as the history keeps it. The panel is sent these as they are stored
 * (replies.ts's ExportSummaryView has the same fields); this schema is the stored format, so
 * changing the wire never changes what is on disk.
 */
const ExportSummarySchema = z.object({
  exportId: z.string(),
  state: z.enum(['completed', 'completed-with-errors', 'stopped', 'cancelled']),
  finishedAt: z.string(),
  created: Count,
  updated: Count,
  deleted: Count,
  unchanged: Count,
  /** At most the first 100 failures are kept; `failedCount` says how many there were. */
  failed: z.array(
    z.object({
      kind: z.enum(['put-line-item', 'put-result', 'delete-result']),
      courseworkId: z.string(),
      studentKey: z.optional(z.string()),
      code: z.string(),
      message: z.string(),
    }),
  ),
  failedCount: z.optional(Count),
  pending: Count,
  stopMessage: z.optional(z.string()),
  override: z.optional(TeacherOverrideSchema),
});
export type ExportSummaryRecord = z.infer<typeof ExportSummarySchema>;

const WrittenResultSchema = z.object({
  /** Absent: submitted work without a grade yet (OneRoster 1.2). */
  score: z.optional(z.number()),
  scoreStatus: z.string().check(z.maxLength(32)),
  late: z.optional(z.boolean()),
  missing: z.optional(z.boolean()),
});

/** What a running export needs recorded when it ends (in storage, so a resumed one has it). */
const PendingExportSchema = z.object({
  exportId: z.string().check(z.minLength(1)),
  /** Line items and results the plan found already right in the SIS. */
  unchanged: z.number().check(z.int(), z.gte(0)),
  /** Coursework the plan covered (not skipped): "last exported" once all their writes succeed. */
  courseworkIds: z.array(z.string()),
  /** Made for another SIS teacher than the signed-in account; carried into the summary. */
  override: z.optional(TeacherOverrideSchema),
});
export type PendingExport = z.infer<typeof PendingExportSchema>;

export const CourseHistorySchema = z.object({
  summaries: z.array(ExportSummarySchema).check(z.maxLength(HISTORY_LENGTH)),
  /** courseworkId → ISO date-time of the last export that sent all its writes. */
  lastExported: z.record(z.string(), z.string()),
  /** result sourcedId → what we last wrote there. */
  previousResults: z.record(z.string(), WrittenResultSchema),
  pending: z.optional(PendingExportSchema),
});
export type CourseHistory = z.infer<typeof CourseHistorySchema>;

const EMPTY: CourseHistory = { summaries: [], lastExported: {}, previousResults: {} };

const settings = new Map<string, Setting<CourseHistory>>();
const queues = new Map<string, ReturnType<typeof createSerialQueue>>();

function settingFor(courseId: string): Setting<CourseHistory> {
  let setting = settings.get(courseId);
  if (!setting) {
    setting = defineSetting<CourseHistory>(`local:exportHistory:${courseId}`, {
      schema: CourseHistorySchema,
      fallback: EMPTY,
      version: 1,
      migrations: {},
    });
    settings.set(courseId, setting);
  }
  return setting;
}

/** The class's history (empty when it was never exported). */
export function readExportHistory(courseId: string): Promise<CourseHistory> {
  return settingFor(courseId).get();
}

/** Changes the class's history; updates of one class run one at a time. */
export function updateExportHistory(
  courseId: string,
  change: (history: CourseHistory) => CourseHistory,
): Promise<CourseHistory> {
  let queue = queues.get(courseId);
  if (!queue) {
    queue = createSerialQueue();
    queues.set(courseId, queue);
  }
  return queue(async () => {
    const next = change(structuredClone(await settingFor(courseId).read()));
    await settingFor(courseId).set(next);
    return next;
  });
}

/** Puts `summary` first, replacing an earlier summary of the same (resumed) export. */
export function withSummary(history: CourseHistory, summary: ExportSummaryRecord): CourseHistory {
  const others = history.summaries.filter((s) => s.exportId !== summary.exportId);
  return { ...history, summaries: [summary, ...others].slice(0, HISTORY_LENGTH) };
}

const KEY_PREFIX = 'exportHistory:';

/** The classes that have a history in this browser. */
export async function listExportHistoryCourses(): Promise<string[]> {
  // The snapshot holds the whole area (secrets included); only our keys are looked at.
  const keys = Object.keys(await storage.snapshot('local'));
  // `…$` keys are WXT's version metadata.
  return keys
    .filter((key) => key.startsWith(KEY_PREFIX) && !key.endsWith('$'))
    .map((key) => key.slice(KEY_PREFIX.length));
}

/**
 * Disconnect's "delete the grades": every class keeps its summaries (counts, dates, failure
 * reasons) and "last exported" dates, and loses the grades last written and the record of an
 * unfinished export (whose journal goes too).
 */
export async function deleteHistoryGrades(): Promise<void> {
  for (const courseId of await listExportHistoryCourses()) {
    await updateExportHistory(courseId, ({ pending: _, ...history }) => ({
      ...history,
      previousResults: {},
    }));
  }
}
