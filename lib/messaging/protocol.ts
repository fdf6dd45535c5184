/**
 * The one protocol between the extension's pages and its background service worker.
 *
 * Each message names who may send it (`from`) and its request payload as a zod schema; its reply
 * schema is in replies.ts. The background parses every request, the pages parse every reply, and
 * the two tables are apart so the service worker, which only sends replies, does not bundle the
 * reply schemas (issue #7's size budget). Messages are domain verbs only; there is deliberately no
 * generic "fetch" or "sign" message, so the background can never be used as a signing proxy for
 * the SIS.
 */
import type { ErrorInfo } from '../errors';
import { ConnectionDraftSchema } from '../sis/connection-draft';
import { ExportDefaultsSchema } from '../sis/settings-shapes';
import { z } from '../zod';
import { DisconnectRequestSchema, TeacherPermissionSchema } from './options-protocol';
import {
  CourseRequestSchema,
  FindTeacherClassesRequestSchema,
  LinkClassRequestSchema,
  SnapshotRequestSchema,
  StudentKeyRequestSchema,
  StudentMatchRequestSchema,
} from './panel-protocol';
import type { REPLIES } from './replies';

/** Where a message may come from: the Classroom panel (content script) or the options page. */
export type Audience = 'panel' | 'options';

/** Every reply is either `{ok: true, data}` or `{ok: false, error: {code, message}}`. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

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
  /**
   * What the panel of one class shows: access (connected, export allowed), the link, a running
   * or resumable export with its progress, the history. Answers when not connected too.
   */
  getPanelState: {
    from: ['panel'],
    request: CourseRequestSchema,
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

/** The wire shape of every request. */
export const EnvelopeSchema = z.object({
  type: z.string().check(z.minLength(1)),
  data: z.unknown(),
});

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(PROTOCOL, type);
}
