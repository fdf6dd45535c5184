/**
 * At every service-worker start and browser start (entrypoints/background/resume-on-start.ts):
 * the journals of finished exports are deleted, and exports a
 * stopped worker or a closed browser left 'running' in storage are continued from their journals
 * (pending operations only, no re-planning), so a restart in the middle of an export ends with
 * exactly what was planned. Stopped ('credentials rejected') and cancelled exports wait for the
 * teacher; so does everything while teachers may not export (not connected, exporting turned
 * off): those stay resumable and the panel says so.
 */
import type { JournalStore } from '../export/journal-store';
import { getClassLink } from '../settings/class-links';
import { readExportHistory } from '../settings/export-history';
import type { ExportRunner } from './export-runner';
import type { SisSession } from './sis-session';

/** What resuming needs from the settings in force. */
export interface ResumeAccess {
  sis: SisSession;
  teacherOverrideAllowed: boolean;
}

/**
 * Resumes the 'running' journals; returns the course ids it resumed. `session` is asked only
 * when there is something to resume, and answers undefined when teachers may not export now.
 */
export async function resumeRunningExports(
  store: JournalStore,
  runner: ExportRunner,
  access: () => Promise<ResumeAccess | undefined>,
): Promise<string[]> {
  const journals = (await store.sweep()).filter((j) => j.state === 'running');
  if (journals.length === 0) return [];
  const allowed = await access();
  if (!allowed) return [];
  const { sis } = allowed;
  const resumed: string[] = [];
  for (const journal of journals) {
    // Unlinked or relinked to another SIS class since: its writes are no longer wanted there.
    const link = await getClassLink(journal.courseId);
    if (link?.sisClassId !== journal.sisClassId) continue;
    // Started for another SIS teacher while the admin allowed it: not continued once that is
    // off (teacher-identity.ts); it waits, resumable, for a teacher the background lets export.
    const { pending } = await readExportHistory(journal.courseId);
    if (pending?.override && !allowed.teacherOverrideAllowed) continue;
    // Checked last, after every await: a run started meanwhile (another pass, the teacher) owns
    // it, and a Disconnect since makes the session unusable.
    if (runner.isRunning(journal.courseId) || sis.revoked?.aborted) continue;
    void runner.resume(journal.courseId, sis.client, sis.engine);
    resumed.push(journal.courseId);
  }
  return resumed;
}
