/**
 * The requests of the one protocol between the extension's pages and its background service
 * worker: each message names who may send it (`from`) and its payload as a zod schema, which the
 * background's router parses before any handler runs. Replies are in replies.ts, apart, so the
 * service worker, which only sends replies, does not bundle their schemas. Messages are domain
 * verbs only; there is deliberately no generic "fetch" or "sign" message, so the background can
 * never be used as a signing proxy for the SIS.
 *
 * The panel sends only ids, the page snapshot and the teacher's choices; the background re-reads
 * from the SIS everything it acts on (class titles, students, line items) and re-plans every
 * export itself, so nothing a page says is trusted beyond what these schemas and the router's
 * sender check allow.
 */
import { CourseSnapshotSchema, NumericIdSchema } from '../classroom/model';
import { GoogleClientIdSchema } from '../google/client-id';
import { ConnectionDraftSchema } from '../sis/connection-draft';
import { ExportDefaultsSchema } from '../sis/settings-shapes';
import { z } from '../zod';

/** Where a message may come from: the Classroom panel (content script) or the options page. */
export type Audience = 'panel' | 'options';

const SourcedId = z.string().check(z.trim(), z.minLength(1), z.maxLength(256));
const Email = z.email().check(z.maxLength(320));

export const CourseRequestSchema = z.strictObject({ courseId: NumericIdSchema });

/**
 * `accountEmail`: the account the page shows, so the background can say whether that account
 * has a Google token (it never opens a window for this).
 */
export const PanelStateRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  accountEmail: z.optional(Email),
});

/** "Sign in with Google" in the panel, as the account the page shows (login_hint). */
export const ConnectGoogleAccountRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  accountEmail: z.optional(Email),
});

/** The Google OAuth client id; '' removes the saved one. */
export const SaveGoogleAccessRequestSchema = z.strictObject({
  clientId: z.union([GoogleClientIdSchema, z.literal('')]),
});

/** What the teacher decided in the preview; stored with the link so it sticks. */
export const ExportChoicesSchema = z.strictObject({
  excludedCoursework: z.array(NumericIdSchema).check(z.maxLength(2000)),
  /** courseworkId → SIS category sourcedId. */
  categories: z.record(NumericIdSchema, SourcedId),
});

export type ExportChoices = z.infer<typeof ExportChoicesSchema>;

/** `accountEmail`: the signed-in account as the page shows it, when it does. */
export const FindTeacherClassesRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  email: Email,
  accountEmail: z.optional(Email),
});

export const LinkClassRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  sisClassId: SourcedId,
  teacherSourcedId: SourcedId,
  teacherEmail: Email,
  accountEmail: z.optional(Email),
});

export const SnapshotRequestSchema = z
  .strictObject({
    courseId: NumericIdSchema,
    snapshot: CourseSnapshotSchema,
    choices: ExportChoicesSchema,
  })
  .check(
    z.refine((r) => r.snapshot.course.courseId === r.courseId, {
      message: 'the snapshot is of another class',
      path: ['snapshot', 'course', 'courseId'],
    }),
  );

export type SnapshotRequest = z.infer<typeof SnapshotRequestSchema>;

const StudentKey = z.string().check(z.minLength(1), z.maxLength(200));

export const StudentMatchRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  studentKey: StudentKey,
  /** null: "this student has no SIS record" (never exported). */
  sisStudentId: z.nullable(SourcedId),
  accountEmail: z.optional(Email),
});

export const StudentKeyRequestSchema = z.strictObject({
  courseId: NumericIdSchema,
  studentKey: StudentKey,
  accountEmail: z.optional(Email),
});

/** The teacher permissions to change; the page sends only those the policy does not set. */
export const TeacherPermissionSchema = z.strictObject({
  exportEnabled: z.optional(z.boolean()),
  allowTeacherOverride: z.optional(z.boolean()),
});

export const DisconnectRequestSchema = z.strictObject({
  /**
   * Also delete the grades kept in this browser: unfinished export journals and each class's
   * last-sent grades (history summaries, class links and student matches stay either way).
   */
  deleteGradeData: z.boolean(),
});

const NoPayload = z.strictObject({});

export const PROTOCOL = {
  /** Connection and health summary. */
  getStatus: {
    from: ['panel', 'options'],
    request: NoPayload,
  },
  /** Everything the options page shows; secrets only as "saved" flags. */
  getAdminState: {
    from: ['options'],
    request: NoPayload,
  },
  /**
   * Checks the connection live against the SIS (host permission first) and, only on success,
   * saves it as connected. Fails with the SIS's own error code and actionable text.
   */
  authorizeConnection: {
    from: ['options'],
    request: ConnectionDraftSchema,
  },
  /** "Enable export of coursework and grades". */
  saveTeacherPermission: {
    from: ['options'],
    request: TeacherPermissionSchema,
  },
  /** Default category, drafts, missing work, title limit. */
  saveExportDefaults: {
    from: ['options'],
    request: ExportDefaultsSchema,
  },
  /**
   * Stops running exports, forgets every credential and token in memory, deletes the secret and
   * the connection (and, if asked, the grades kept locally), revokes the host permission; keeps
   * class links.
   */
  disconnect: {
    from: ['options'],
    request: DisconnectRequestSchema,
  },
  /** Saves the Google OAuth client id (refused when the policy sets it); forgets every token. */
  saveGoogleAccess: {
    from: ['options'],
    request: SaveGoogleAccessRequestSchema,
  },
  /**
   * Live check of the Google setup: signs the admin in (a window) and asks the Classroom API who
   * they are and whether courses can be listed. Never replies with the token.
   */
  checkGoogleAccess: {
    from: ['options'],
    request: NoPayload,
  },
  /**
   * What the panel of one class shows: access (connected, export allowed), the link, a running
   * or resumable export with its progress, the history. Answers when not connected too.
   */
  getPanelState: {
    from: ['panel'],
    request: PanelStateRequestSchema,
  },
  /**
   * "Sign in with Google" in the panel (named without "sign": no message may sound like a
   * signing proxy). Signs the page's account in with Google (silently if it can, else Google's window) so the
   * background can read the class through the Classroom API; answers with the panel's state.
   */
  connectGoogleAccount: {
    from: ['panel'],
    request: ConnectGoogleAccountRequestSchema,
  },
  /** The SIS teacher with this email and their active classes, to pick the one to link. */
  findTeacherClasses: {
    from: ['panel'],
    request: FindTeacherClassesRequestSchema,
  },
  /** Links the class to one of the teacher's active SIS classes (re-checked in the SIS). */
  linkClass: {
    from: ['panel'],
    request: LinkClassRequestSchema,
  },
  /** Removes the link; the export history (and the SIS's line items) stay. */
  unlinkClass: {
    from: ['panel'],
    request: CourseRequestSchema,
  },
  /** Picks the SIS student for a Classroom student by hand, or "none" (null); stored on the link. */
  setStudentMatch: {
    from: ['panel'],
    request: StudentMatchRequestSchema,
  },
  /** Takes back the pick for one student, so email and name match them again. */
  resetStudentMatch: {
    from: ['panel'],
    request: StudentKeyRequestSchema,
  },
  /** Plans the export against the SIS as it is now, sends nothing; stores the choices. */
  previewExport: {
    from: ['panel'],
    request: SnapshotRequestSchema,
  },
  /** Re-plans exactly as the preview and starts the export; progress via getPanelState. */
  startExport: {
    from: ['panel'],
    request: SnapshotRequestSchema,
  },
  /**
   * Opens the options page, where a policy-set connection is authorized on this browser (a
   * content script cannot open it, and a page link to it would be blocked).
   */
  openSettings: {
    from: ['panel'],
    request: NoPayload,
  },
  /** Stops the class's running export; what was not sent stays pending (resumable). */
  cancelExport: {
    from: ['panel'],
    request: CourseRequestSchema,
  },
} as const satisfies Record<string, { from: readonly Audience[]; request: z.ZodMiniType }>;

export type MessageType = keyof typeof PROTOCOL;
export type RequestOf<K extends MessageType> = z.infer<(typeof PROTOCOL)[K]['request']>;

/** The wire shape of every request. */
export const EnvelopeSchema = z.object({
  type: z.string().check(z.minLength(1)),
  data: z.unknown(),
});

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(PROTOCOL, type);
}
