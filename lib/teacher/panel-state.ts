/**
 * What the panel of one class shows (PanelStateSchema), from pieces the background already
 * has: whether teachers may work (and why not), the link, the class's export — running here,
 * about to be resumed by this worker ("resuming"), or left unfinished in storage for the
 * teacher ("resumable") — its latest progress, and the history.
 */
import { isUnfinished, type JournalState } from '../export/journal';
import type { ExportProgress } from '../export/summary';
import type { ClassLinkView, PanelAccess, PanelState } from '../messaging/panel-protocol';
import type { ClassLink } from '../settings/class-links';
import type { CourseHistory } from '../settings/export-history';

export interface PanelStateInput {
  connected: boolean;
  exportAllowed: boolean;
  partnerName?: string;
  setup?: PanelAccess['setup'];
  teacherOverrideAllowed?: boolean;
  link: ClassLink | undefined;
  running: boolean;
  progress: ExportProgress | undefined;
  /** The state of the class's stored journal, if any. */
  journalState: JournalState | undefined;
  /**
   * This worker has not yet decided which exports a stopped worker left running it resumes
   * (lib/teacher/export-runner.ts, at every start): until then such a journal is about to
   * continue, not "did not finish".
   */
  resumePending: boolean;
  history: CourseHistory;
}

/** The link as the panel shows it (ids of the teacher and matches stay in the background). */
export function toLinkView(link: ClassLink): ClassLinkView {
  return {
    sisClassId: link.sisClassId,
    title: link.title,
    ...(link.classCode ? { classCode: link.classCode } : {}),
    termTitles: link.termTitles,
    teacherEmail: link.teacherEmail,
    linkedAt: link.linkedAt,
    ...(link.choices ? { choices: link.choices } : {}),
  };
}

export function buildPanelState(input: PanelStateInput): PanelState {
  const resumable =
    !input.running && input.journalState !== undefined && isUnfinished(input.journalState);
  return {
    access: {
      connected: input.connected,
      exportAllowed: input.exportAllowed,
      ...(input.partnerName ? { partnerName: input.partnerName } : {}),
      ...(input.setup ? { setup: input.setup } : {}),
      ...(input.teacherOverrideAllowed ? { teacherOverrideAllowed: true } : {}),
    },
    link: input.link ? toLinkView(input.link) : null,
    export: {
      running: input.running,
      resumable,
      resuming: resumable && input.journalState === 'running' && input.resumePending,
      ...(input.running && input.progress ? { progress: input.progress } : {}),
    },
    history: input.history.summaries,
    lastExported: input.history.lastExported,
  };
}
