/**
 * The reply schema of every message in PROTOCOL (protocol.ts), which the pages parse every reply
 * with. The background does not import this file: its handlers' return types already pin the
 * replies down, and leaving these schemas out keeps them out of the service worker's bundle.
 */
import { ErrorInfoSchema } from '../errors';
import { z } from '../zod';
import { AdminStateSchema, AuthorizeReplySchema, DisconnectReplySchema } from './options-protocol';
import {
  CancelExportReplySchema,
  ClassLinkViewSchema,
  OpenSettingsReplySchema,
  PanelStateSchema,
  PreviewSchema,
  StartExportReplySchema,
  StudentMatchesReplySchema,
  TeacherClassesSchema,
} from './panel-protocol';

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

export const REPLIES = {
  getStatus: StatusSchema,
  getAdminState: AdminStateSchema,
  authorizeConnection: AuthorizeReplySchema,
  saveTeacherPermission: AdminStateSchema,
  saveExportDefaults: AdminStateSchema,
  disconnect: DisconnectReplySchema,
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

/** The whole reply of a message: `{ok: true, data}` or `{ok: false, error}`. */
export function replySchema<T extends z.ZodMiniType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
  ]);
}
