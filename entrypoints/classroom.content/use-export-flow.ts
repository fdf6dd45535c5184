/**
 * Preview, then export, against the background: the preview (re-asked whenever the teacher's
 * choices or student picks change; a late answer to an older question is dropped), the start,
 * Cancel. Whether an export runs is the background's word (use-export-watch.ts follows it).
 */
import { useRef, useState } from 'react';
import type { CourseSnapshot } from '@/lib/classroom/model';
import type { Preview, Reply } from '@/lib/messaging/replies';
import type { ExportChoices } from '@/lib/messaging/requests';
import { sendRequest } from '@/lib/messaging/send';

export type ExportStage =
  | { mode: 'idle' }
  /** `preview` is absent until the first answer; `updating` while a newer one is asked. */
  | { mode: 'preview'; preview?: Preview; updating: boolean }
  | { mode: 'starting'; preview: Preview }
  | { mode: 'running'; resuming: boolean }
  | { mode: 'done' };

const NO_CHOICES: ExportChoices = { excludedCoursework: [], categories: {} };

export interface ExportFlowInput {
  courseId: string;
  snapshot?: CourseSnapshot;
  /** The link's stored choices, to start the first preview from. */
  savedChoices?: ExportChoices;
  /** Asks getPanelState again (after an export that had nothing to send). */
  reload: () => Promise<unknown>;
}

export function useExportFlow({ courseId, snapshot, savedChoices, reload }: ExportFlowInput) {
  // The signed-in account as the page shows it: the background checks it against the link.
  const account = snapshot?.teacherEmail ? { accountEmail: snapshot.teacherEmail } : {};
  const [view, setView] = useState<ExportStage>({ mode: 'idle' });
  const [choices, setChoices] = useState<ExportChoices>(savedChoices ?? NO_CHOICES);
  const [error, setError] = useState<string>();
  const [matchBusy, setMatchBusy] = useState<string>();
  const [matchError, setMatchError] = useState<string>();
  const [cancelling, setCancelling] = useState(false);
  const asked = useRef(0);

  const askPreview = async (next: ExportChoices, current?: Preview) => {
    if (!snapshot) return;
    const question = ++asked.current;
    setError(undefined);
    setView({ mode: 'preview', preview: current, updating: true });
    const reply = await sendRequest('previewExport', { courseId, snapshot, choices: next });
    if (question !== asked.current) return;
    if (reply.ok) {
      setView({ mode: 'preview', preview: reply.data, updating: false });
      return;
    }
    setError(reply.error.message);
    setView(current ? { mode: 'preview', preview: current, updating: false } : { mode: 'idle' });
  };
  const shown = view.mode === 'preview' ? view.preview : undefined;

  /** Sends one student's match change, then shows the preview it leads to. */
  const changeMatch = async (studentKey: string, send: () => Promise<Reply<unknown>>) => {
    setMatchBusy(studentKey);
    setMatchError(undefined);
    const reply = await send();
    setMatchBusy(undefined);
    if (!reply.ok) setMatchError(reply.error.message);
    else await askPreview(choices, shown);
  };

  return {
    view,
    setView,
    choices,
    error,
    matchBusy,
    matchError,
    cancelling,
    openPreview: () => askPreview(choices),
    changeChoices: (next: ExportChoices) => {
      setChoices(next);
      void askPreview(next, shown);
    },
    close: () => {
      asked.current++;
      setError(undefined);
      setView({ mode: 'idle' });
    },

    match: (studentKey: string, sisStudentId: string | null) =>
      changeMatch(studentKey, () =>
        sendRequest('setStudentMatch', { courseId, studentKey, sisStudentId, ...account }),
      ),

    matchAutomatically: (studentKey: string) =>
      changeMatch(studentKey, () =>
        sendRequest('resetStudentMatch', { courseId, studentKey, ...account }),
      ),

    async start() {
      if (!snapshot || !shown) return;
      asked.current++;
      setError(undefined);
      setCancelling(false);
      setView({ mode: 'starting', preview: shown });
      const reply = await sendRequest('startExport', { courseId, snapshot, choices });
      if (!reply.ok) {
        setError(reply.error.message);
        setView({ mode: 'preview', preview: shown, updating: false });
        return;
      }
      if (reply.data.operations === 0) {
        // Recorded as done at once: fetch the summary rather than wait for a run.
        await reload();
        setView({ mode: 'done' });
      } else {
        setView({ mode: 'running', resuming: false });
      }
    },

    async cancel() {
      setCancelling(true);
      setError(undefined);
      const reply = await sendRequest('cancelExport', { courseId });
      if (!reply.ok) {
        setCancelling(false);
        setError(reply.error.message);
      }
    },
  };
}

export type ExportFlow = ReturnType<typeof useExportFlow>;
