/**
 * The replies of every message in PROTOCOL (requests.ts), which the pages parse every reply with.
 * The background does not import this file (its handlers' return types already pin the replies
 * down), so these schemas stay out of the service worker's bundle. Secrets never appear in a
 * reply: the options page learns only whether a secret is saved here or set by policy.
 */
import { type ErrorInfo, ErrorInfoSchema } from '../errors';
import { GoogleCheckOutcomeSchema } from '../google/check-outcome';
import { SCORE_STATUSES } from '../oneroster/schemas';
import { AuthModeSchema, PartnerIdSchema } from '../sis/partners';
import {
  CategoryOptionSchema,
  ExportDefaultsSchema,
  ManagedFieldSchema,
  OneRosterVersionSchema,
  ScoreDateFormatSchema,
  SecretStateSchema,
  SignatureMethodSchema,
} from '../sis/settings-shapes';
import { z } from '../zod';
import { ExportChoicesSchema, type MessageType } from './requests';

/** Every reply is either `{ok: true, data}` or `{ok: false, error: {code, message}}`. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

const SourcedId = z.string().check(z.trim(), z.minLength(1), z.maxLength(256));
/** A whole number ≥ 0 (counts); `Positive` is ≥ 1. */
const Count = z.number().check(z.int(), z.gte(0));
const Positive = z.number().check(z.int(), z.gte(1));

/** Why a teacher cannot link or export, when they cannot. */
export const PanelAccessSchema = z.object({
  connected: z.boolean(),
  exportAllowed: z.boolean(),
  /** The SIS product's display name, e.g. "Infinite Campus". */
  partnerName: z.optional(z.string()),
  /**
   * What this browser still has to do before teachers can work, done by Authorize on the options
   * page (which anyone may open): 'authorize' — the district policy sets the whole connection,
   * but it was not authorized on this browser yet or has changed since; 'host-access' —
   * connected, but the browser's access to the SIS's address was taken back (Chrome's site
   * access menu). Absent when nothing is to do here.
   */
  setup: z.optional(z.enum(['authorize', 'host-access'])),
  /** Present (true) when the admin lets teachers choose another SIS teacher than themselves. */
  teacherOverrideAllowed: z.optional(z.boolean()),
  /**
   * The Classroom API source, present when a Google client id is in force (`configured`);
   * `signedIn` when a token for the page's account is at hand (the panel offers "Sign in with
   * Google" otherwise).
   */
  google: z.optional(z.object({ configured: z.boolean(), signedIn: z.boolean() })),
});
export type PanelAccess = z.infer<typeof PanelAccessSchema>;

/** What carrying a link over to another OneRoster version found (lib/teacher/version-switch.ts). */
const CarriedOverViewSchema = z.object({
  from: z.string(),
  to: z.string(),
  at: z.string(),
  students: z.object({ byLegacyId: Count, byEmail: Count, lost: Count }),
  lineItems: Count,
});

/** A Classroom class's link to one SIS class (what the panel shows). */
export const ClassLinkViewSchema = z.object({
  sisClassId: SourcedId,
  title: z.string(),
  classCode: z.optional(z.string()),
  termTitles: z.array(z.string()),
  teacherEmail: z.string(),
  linkedAt: z.string(),
  /** The choices of the last preview, to start the next one from. */
  choices: z.optional(ExportChoicesSchema),
  /** The link was carried over to another OneRoster version: what was found (until the next export). */
  carriedOver: z.optional(CarriedOverViewSchema),
});
export type ClassLinkView = z.infer<typeof ClassLinkViewSchema>;

export const ExportProgressSchema = z.object({
  phase: z.enum(['line-items', 'grades']),
  done: Count,
  total: Count,
  failed: Count,
  retrying: Count,
  concurrency: Positive,
});

export const ExportFailureViewSchema = z.object({
  kind: z.enum(['put-line-item', 'put-result', 'delete-result']),
  courseworkId: z.string(),
  studentKey: z.optional(z.string()),
  code: z.string(),
  message: z.string(),
});

/** An export for another SIS teacher than the signed-in account (lib/teacher/teacher-identity.ts). */
export const TeacherOverrideSchema = z.object({
  /** The signed-in account; empty when the page did not show it. */
  account: z.string().check(z.maxLength(320)),
  sisTeacher: z.string().check(z.maxLength(320)),
});

export const ExportSummaryViewSchema = z.object({
  exportId: z.string(),
  state: z.enum(['completed', 'completed-with-errors', 'stopped', 'cancelled']),
  finishedAt: z.string(),
  created: Count,
  updated: Count,
  deleted: Count,
  unchanged: Count,
  /** At most the first 100 failures are kept; `failedCount` says how many there were. */
  failed: z.array(ExportFailureViewSchema),
  failedCount: z.optional(Count),
  pending: Count,
  stopMessage: z.optional(z.string()),
  /** Made for an SIS teacher other than the signed-in account (the admin allows it). */
  override: z.optional(TeacherOverrideSchema),
});
export type ExportSummaryView = z.infer<typeof ExportSummaryViewSchema>;

export const PanelStateSchema = z.object({
  access: PanelAccessSchema,
  link: z.nullable(ClassLinkViewSchema),
  export: z.object({
    running: z.boolean(),
    /** An unfinished export in storage, not running here: stopped, cancelled or cut off. */
    resumable: z.boolean(),
    /**
     * Of those, one a stopped service worker cut off that this worker is about to resume (its
     * start-up resume has not decided yet): the panel shows it as resuming and keeps asking. Once
     * decided it is running, or (not linked to that SIS class, or exporting not allowed) it
     * waits for the teacher like a stopped or cancelled one.
     */
    resuming: z.boolean(),
    progress: z.optional(ExportProgressSchema),
  }),
  /** Newest first, at most 20. */
  history: z.array(ExportSummaryViewSchema),
  /** Per coursework: when it was last exported successfully. */
  lastExported: z.record(z.string(), z.string()),
});
export type PanelState = z.infer<typeof PanelStateSchema>;

export const SisClassOptionSchema = z.object({
  sourcedId: SourcedId,
  title: z.string(),
  classCode: z.optional(z.string()),
  termTitles: z.array(z.string()),
});

export type SisClassOption = z.infer<typeof SisClassOptionSchema>;

export const TeacherClassesSchema = z.object({
  teacher: z.object({ sourcedId: SourcedId, name: z.string(), email: z.string() }),
  classes: z.array(SisClassOptionSchema),
});

/** The link's manual matches after the change: student key → SIS student id, or null. */
export const StudentMatchesReplySchema = z.object({
  matches: z.record(z.string(), z.nullable(SourcedId)),
});

const GradePlanViewSchema = z.object({
  studentKey: z.string(),
  action: z.enum(['create', 'update', 'delete', 'unchanged', 'skip', 'none']),
  reason: z.optional(z.enum(['draft', 'missing', 'unreadable', 'unmatched', 'unconfirmed'])),
  /** Absent for a skipped grade, and for submitted work not graded yet (OneRoster 1.2). */
  score: z.optional(z.number()),
  scoreStatus: z.optional(z.enum(SCORE_STATUSES)),
  late: z.optional(z.boolean()),
  missing: z.optional(z.boolean()),
  /** Written to the result the SIS already held for the student under another id. */
  adopted: z.optional(z.boolean()),
});

/** A grade cell as the preview names it to the teacher: coursework title and student name. */
const NamedCellSchema = z.object({
  courseworkId: z.string(),
  studentKey: z.string(),
  courseworkTitle: z.string(),
  studentName: z.string(),
});

/**
 * Where the class was read from and what that could not see: the Classroom API, the Grades
 * page, or both; grades exported before that the API alone cannot confirm (maybe Excused); rows
 * the page had not rendered; cells where page and API disagree.
 */
export const PreviewSourcesSchema = z.object({
  api: z.boolean(),
  page: z.boolean(),
  /** Exported before, no grade in the API now: kept, not deleted, until the page confirms. */
  unconfirmed: z.array(NamedCellSchema),
  /** The Grades page showed rows for `students` of the class's `of`. */
  rendered: z.optional(z.object({ students: Count, of: Count })),
  disagreements: z.array(z.object({ ...NamedCellSchema.shape, page: z.string(), api: z.string() })),
});
export type PreviewSources = z.infer<typeof PreviewSourcesSchema>;

export const PreviewSchema = z.object({
  coursework: z.array(
    z.object({
      courseworkId: z.string(),
      title: z.string(),
      action: z.enum(['create', 'update', 'unchanged', 'skip']),
      reason: z.optional(
        z.enum([
          'excluded',
          'ungraded',
          'unreadable',
          'no-matched-students',
          'no-category',
          'no-school',
        ]),
      ),
      categoryId: z.optional(z.string()),
      categorySource: z.optional(z.enum(['teacher', 'matched', 'default', 'existing'])),
      gradingPeriodTitle: z.optional(z.string()),
      dueDateDefaulted: z.boolean(),
      titleCut: z.boolean(),
      grades: z.array(GradePlanViewSchema),
    }),
  ),
  totals: z.object({
    lineItems: z.record(z.string(), z.number()),
    results: z.record(z.string(), z.number()),
  }),
  /** Writes the export would send. */
  operations: Count,
  categories: z.array(z.object({ sourcedId: z.string(), title: z.string() })),
  students: z.object({
    matched: z.array(
      z.object({
        key: z.string(),
        sisStudentId: z.string(),
        by: z.enum(['manual', 'email', 'name']),
      }),
    ),
    unmatched: z.array(
      z.object({
        key: z.string(),
        reason: z.enum(['no-match', 'ambiguous', 'excluded']),
        candidates: z.array(z.string()),
      }),
    ),
    /** The linked SIS class's students, for picking a match by hand. */
    sisStudents: z.array(
      z.object({ sourcedId: z.string(), name: z.string(), email: z.optional(z.string()) }),
    ),
  }),
  /** Absent in a preview of a page reading from before the API source (read as "page only"). */
  sources: z.optional(PreviewSourcesSchema),
  /** The link was carried over to another OneRoster version (this preview, or one before). */
  carriedOver: z.optional(CarriedOverViewSchema),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const StartExportReplySchema = z.object({
  exportId: z.string(),
  operations: Count,
});

/** Opening the options page has nothing to report. */
export const OpenSettingsReplySchema = z.object({});

/** `cancelled: false` when no export of the class was running. */
export const CancelExportReplySchema = z.object({ cancelled: z.boolean() });

/** The last successful Authorize. */
export const AuthorizedConnectionSchema = z.object({
  partner: PartnerIdSchema,
  hostUrl: z.string(),
  /** With hostUrl, what a saved secret is bound to: changing one asks for the secret again. */
  tokenUrl: z.optional(z.string()),
  accessKey: z.optional(z.string()),
  authMode: z.optional(AuthModeSchema),
  /** Absent: 1.1 (connectionVersion). */
  version: z.optional(OneRosterVersionSchema),
  /** 1.2 gradebook override; with hostUrl, what a saved secret is bound to. */
  gradebookUrl: z.optional(z.string()),
  scoreDateFormat: z.optional(ScoreDateFormatSchema),
  orgName: z.optional(z.string()),
  /** ISO date-time of the check. */
  verifiedAt: z.string(),
  clockSkewMs: z.optional(z.number()),
  categories: z.nullable(z.array(CategoryOptionSchema)),
});

export const AdminStateSchema = z.object({
  storageTrusted: z.boolean(),
  connected: z.boolean(),
  exportAllowed: z.boolean(),
  managed: z.object({
    /** A district policy sets at least one value. */
    active: z.boolean(),
    /** The policy's lockSettings: permission, export rules and Disconnect are locked too. */
    locked: z.boolean(),
    fields: z.array(ManagedFieldSchema),
  }),
  /** The connection form's values: the policy's over this browser's saved ones. */
  form: z.object({
    partner: z.optional(PartnerIdSchema),
    hostUrl: z.optional(z.string()),
    authMode: z.optional(AuthModeSchema),
    accessKey: z.optional(z.string()),
    tokenUrl: z.optional(z.string()),
    signatureMethod: z.optional(SignatureMethodSchema),
    version: z.optional(OneRosterVersionSchema),
    gradebookUrl: z.optional(z.string()),
    scoreDateFormat: z.optional(ScoreDateFormatSchema),
  }),
  secret: SecretStateSchema,
  vendorAuthorization: SecretStateSchema,
  connection: z.nullable(AuthorizedConnectionSchema),
  /** A saved connection that the policy has since changed: it must be authorized again. */
  needsAuthorize: z.boolean(),
  /**
   * Connected, but this browser no longer lets the extension reach the SIS's address (taken back
   * in Chrome's site access menu): Authorize asks for it again.
   */
  hostAccessMissing: z.boolean(),
  exportEnabled: z.boolean(),
  /** Teachers may choose another SIS teacher's classes (every such export is in the history). */
  allowTeacherOverride: z.boolean(),
  /** The rules in force (policy over saved), with the SIS profile's title limit filled in. */
  exportDefaults: ExportDefaultsSchema,
  /** The Google Classroom data setup. */
  google: z.object({
    /** In force: the policy's, else the saved one, else the build's default. */
    clientId: z.optional(z.string()),
    /** The policy sets it: the page shows it read-only. */
    managed: z.boolean(),
    source: z.optional(z.enum(['policy', 'saved', 'build'])),
    /** What the admin registers as the client's redirect URI; '' without the identity API. */
    redirectUri: z.string(),
  }),
});
export type AdminState = z.infer<typeof AdminStateSchema>;

export const AuthorizeReplySchema = z.object({
  /** The OneRoster version the live check confirmed, and the bases it reached. */
  version: OneRosterVersionSchema,
  bases: z.object({ rostering: z.string(), gradebook: z.string() }),
  orgName: z.optional(z.string()),
  /** Set when OAuth 1.0a requests are corrected for the SIS's clock. */
  clockSkewMs: z.optional(z.number()),
  /** False when the SIS did not list grading categories. */
  categoriesListed: z.boolean(),
  state: AdminStateSchema,
});

export const DisconnectReplySchema = z.object({
  /** False when the browser kept the host permission (e.g. a test build that pre-grants it). */
  hostAccessRevoked: z.boolean(),
  /** The grades kept in this browser were deleted as asked. */
  gradeDataDeleted: z.boolean(),
  state: AdminStateSchema,
});

/** What the extension knows about itself and its connection, for the panel and the options page. */
export const StatusSchema = z.object({
  version: z.string().check(z.minLength(1)),
  /** storage.local was restricted to trusted contexts at this service-worker start. */
  storageTrusted: z.boolean(),
  /** An SIS connection has been authorized by an admin (and still matches the policy). */
  connected: z.boolean(),
  /** Teachers may link classes and export: connected, and the admin allows exporting. */
  exportAllowed: z.boolean(),
});
export type Status = z.infer<typeof StatusSchema>;

/** The live check of the Google setup (lib/google/check-access.ts); never a token. */
export const GoogleCheckSchema = z.object({
  outcome: GoogleCheckOutcomeSchema,
  message: z.string(),
  email: z.optional(z.string()),
  grantedScopes: z.array(z.string()),
  apiReachable: z.boolean(),
  code: z.optional(z.string()),
  oauthError: z.optional(z.string()),
});
export type GoogleCheck = z.infer<typeof GoogleCheckSchema>;

export const REPLIES = {
  getStatus: StatusSchema,
  getAdminState: AdminStateSchema,
  authorizeConnection: AuthorizeReplySchema,
  saveTeacherPermission: AdminStateSchema,
  saveExportDefaults: AdminStateSchema,
  disconnect: DisconnectReplySchema,
  saveGoogleAccess: AdminStateSchema,
  checkGoogleAccess: GoogleCheckSchema,
  connectGoogleAccount: PanelStateSchema,
  getPanelState: PanelStateSchema,
  findTeacherClasses: TeacherClassesSchema,
  linkClass: ClassLinkViewSchema,
  unlinkClass: PanelStateSchema,
  setStudentMatch: StudentMatchesReplySchema,
  resetStudentMatch: StudentMatchesReplySchema,
  previewExport: PreviewSchema,
  startExport: StartExportReplySchema,
  openSettings: OpenSettingsReplySchema,
  cancelExport: CancelExportReplySchema,
} as const satisfies Record<string, z.ZodMiniType>;

export type ReplyOf<K extends MessageType> = z.infer<(typeof REPLIES)[K]>;

type Holds<T extends true> = T;
/** Compiles only while REPLIES has a schema for exactly the messages of PROTOCOL. */
export type RepliesMatchProtocol = Holds<
  [keyof typeof REPLIES] extends [MessageType]
    ? [MessageType] extends [keyof typeof REPLIES]
      ? true
      : false
    : false
>;

/** The whole reply of a message: `{ok: true, data}` or `{ok: false, error}`. */
export function replySchema<T extends z.ZodMiniType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
  ]);
}
