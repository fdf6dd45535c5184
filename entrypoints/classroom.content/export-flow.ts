/**
 * The linked panel's export view as one state machine: the preview (re-asked whenever the
 * teacher's choices or student picks change; a late answer to an older question is dropped), the
 * start, Cancel, and the background's word on whether an export runs. `exportFlowReducer` holds
 * every transition and is pure; `useExportFlow` only sends requests and turns what comes back
 * (replies, panel states, page readings) into events.
 */
import { useEffect, useReducer } from 'react';
import type { CourseSnapshot } from '@/lib/classroom/model';
import type { ExportSummaryView, PanelState, Preview, Reply } from '@/lib/messaging/replies';
import type { ExportChoices } from '@/lib/messaging/requests';
import { sendRequest } from '@/lib/messaging/send';

/** Which part of the export view shows. */
export type ExportStage =
  | { mode: 'idle' }
  /** `preview` is absent until the first answer; `updating` while a newer one is asked. */
  | { mode: 'preview'; preview?: Preview; updating: boolean }
  | { mode: 'starting'; preview: Preview }
  /** `resuming`: found running or about to be resumed, rather than started here. */
  | { mode: 'running'; resuming: boolean }
  /** `summary`: the newest history entry when the run ended (none for a run left unfinished). */
  | { mode: 'done'; summary?: ExportSummaryView };

/** A preview question; only the answer to the newest one is shown. */
export interface PreviewQuestion {
  id: number;
  snapshot: CourseSnapshot;
  choices: ExportChoices;
}

export interface ExportFlowState {
  stage: ExportStage;
  choices: ExportChoices;
  /** The class as last read from the page; what previews and exports are made of. */
  snapshot?: CourseSnapshot;
  /** The preview question in flight, if any. */
  question?: PreviewQuestion;
  /** How many preview questions were asked: the next one's id. */
  asked: number;
  error?: string;
  /** The student whose match is being changed. */
  matchBusy?: string;
  matchError?: string;
  cancelling: boolean;
  /**
   * Open the preview by itself once the class can be read (the class was just linked): the
   * Grades page was read, or the background reads the class from the Classroom API.
   */
  previewFirst: boolean;
  /** The Classroom API is set up and this account signed in (the latest panel state says). */
  classFromApi: boolean;
}

export type ExportFlowEvent =
  | { type: 'pageRead'; snapshot?: CourseSnapshot }
  | { type: 'previewAsked' }
  | { type: 'choicesChanged'; choices: ExportChoices }
  | { type: 'previewAnswered'; question: number; reply: Reply<Preview> }
  | { type: 'previewClosed' }
  | { type: 'matchAsked'; studentKey: string }
  | { type: 'matchAnswered'; reply: Reply<unknown> }
  | { type: 'startAsked' }
  | { type: 'startAnswered'; reply: Reply<{ operations: number }> }
  /** An export with nothing to send was recorded as done at once; its summary was fetched. */
  | { type: 'startRecorded'; summary?: ExportSummaryView }
  | { type: 'cancelAsked' }
  | { type: 'cancelAnswered'; reply: Reply<unknown> }
  /** A new answer from the background (getPanelState, or the state another message returned). */
  | { type: 'panelState'; panel: PanelState };

const NO_CHOICES: ExportChoices = { excludedCoursework: [], categories: {} };

export function initialExportFlow(input: {
  savedChoices?: ExportChoices;
  snapshot?: CourseSnapshot;
  previewFirst: boolean;
  panel?: PanelState;
}): ExportFlowState {
  return {
    stage: { mode: 'idle' },
    choices: input.savedChoices ?? NO_CHOICES,
    snapshot: input.snapshot,
    asked: 0,
    cancelling: false,
    previewFirst: input.previewFirst,
    classFromApi: readsFromApi(input.panel),
  };
}

const readsFromApi = (panel: PanelState | undefined) =>
  Boolean(panel?.access.google?.configured && panel.access.google.signedIn);

/** Once, when the class can be read: the student matching shows at once after linking. */
function previewFirstIfReady(state: ExportFlowState): ExportFlowState {
  const { snapshot } = state;
  if (!state.previewFirst || !snapshot) return state;
  if (!snapshot.coverage.gradebook && !state.classFromApi) return state;
  const read = { ...state, previewFirst: false };
  return state.stage.mode === 'idle' ? ask(read, read.choices) : read;
}

/** The preview on screen, if one is. */
export function shownPreview(state: ExportFlowState): Preview | undefined {
  return state.stage.mode === 'preview' ? state.stage.preview : undefined;
}

export function exportFlowReducer(state: ExportFlowState, event: ExportFlowEvent): ExportFlowState {
  switch (event.type) {
    case 'pageRead': {
      const snapshot = event.snapshot ?? state.snapshot;
      return previewFirstIfReady(snapshot === state.snapshot ? state : { ...state, snapshot });
    }
    case 'previewAsked':
      return ask(state, state.choices);
    case 'choicesChanged':
      return ask({ ...state, choices: event.choices }, event.choices, shownPreview(state));
    case 'previewAnswered': {
      if (event.question !== state.question?.id) return state; // a late answer to an older question
      const answered = { ...state, question: undefined };
      if (event.reply.ok) {
        return {
          ...answered,
          stage: { mode: 'preview', preview: event.reply.data, updating: false },
        };
      }
      const current = shownPreview(state);
      return {
        ...answered,
        error: event.reply.error.message,
        stage: current ? { mode: 'preview', preview: current, updating: false } : { mode: 'idle' },
      };
    }
    case 'previewClosed':
      return { ...state, question: undefined, error: undefined, stage: { mode: 'idle' } };
    case 'matchAsked':
      return { ...state, matchBusy: event.studentKey, matchError: undefined };
    case 'matchAnswered': {
      const answered = { ...state, matchBusy: undefined };
      if (!event.reply.ok) return { ...answered, matchError: event.reply.error.message };
      // The match changed what the preview would send: show the preview it leads to.
      return state.stage.mode === 'preview'
        ? ask(answered, answered.choices, shownPreview(state))
        : answered;
    }
    case 'startAsked': {
      const preview = shownPreview(state);
      if (!preview || !state.snapshot) return state;
      return {
        ...state,
        question: undefined,
        error: undefined,
        cancelling: false,
        stage: { mode: 'starting', preview },
      };
    }
    case 'startAnswered': {
      if (state.stage.mode !== 'starting') return state;
      if (!event.reply.ok) {
        return {
          ...state,
          error: event.reply.error.message,
          stage: { mode: 'preview', preview: state.stage.preview, updating: false },
        };
      }
      // With nothing to send, the export is recorded as done at once: its summary comes next.
      if (event.reply.data.operations === 0) return state;
      return { ...state, stage: { mode: 'running', resuming: false } };
    }
    case 'startRecorded':
      if (state.stage.mode !== 'starting') return state;
      return { ...state, stage: { mode: 'done', summary: event.summary } };
    case 'cancelAsked':
      return { ...state, cancelling: true, error: undefined };
    case 'cancelAnswered':
      if (event.reply.ok) return state; // the panel state says when the run has stopped
      return { ...state, cancelling: false, error: event.reply.error.message };
    case 'panelState': {
      const classFromApi = readsFromApi(event.panel);
      const next = followPanelState(
        classFromApi === state.classFromApi ? state : { ...state, classFromApi },
        event.panel,
      );
      return previewFirstIfReady(next);
    }
  }
}

/**
 * The background's word on the class's export. A run found on opening the panel (a reload,
 * another tab, a worker that restarted and resumed its journal) shows as resuming; so does one a
 * restarted worker is about to resume (`resuming`: its start-up resume has not decided yet),
 * whether the panel was open through the restart or opened after it. A run that stops being
 * reported, and is not about to be resumed, has ended and its summary is in the history. Stopped
 * and cancelled exports wait for the teacher. While an export is starting, only the start's
 * answer moves the view: a panel state then predates the run.
 */
function followPanelState(state: ExportFlowState, panel: PanelState): ExportFlowState {
  const { running, resuming } = panel.export;
  const { stage } = state;
  if ((running || resuming) && (stage.mode === 'idle' || stage.mode === 'done')) {
    return { ...state, stage: { mode: 'running', resuming: true } };
  }
  if (resuming && stage.mode === 'running' && !stage.resuming) {
    // The worker that ran it stopped while the panel watched; the new one continues it.
    return { ...state, stage: { mode: 'running', resuming: true } };
  }
  if (!running && !resuming && stage.mode === 'running') {
    return { ...state, stage: { mode: 'done', summary: panel.history[0] } };
  }
  return state;
}

/** Asks a new preview question, keeping `current` on screen until its answer. */
function ask(state: ExportFlowState, choices: ExportChoices, current?: Preview): ExportFlowState {
  if (!state.snapshot) return state;
  const id = state.asked + 1;
  return {
    ...state,
    asked: id,
    question: { id, snapshot: state.snapshot, choices },
    error: undefined,
    stage: { mode: 'preview', preview: current, updating: true },
  };
}

export interface ExportFlowInput {
  courseId: string;
  snapshot?: CourseSnapshot;
  /** The background's latest answer; each new one is an event. */
  panel: PanelState;
  /** The link's stored choices, to start the first preview from. */
  savedChoices?: ExportChoices;
  previewFirst: boolean;
  /** Asks getPanelState again (after an export that had nothing to send). */
  reload: () => Promise<PanelState | undefined>;
}

export function useExportFlow(input: ExportFlowInput) {
  const { courseId, snapshot, panel, reload } = input;
  const [state, dispatch] = useReducer(exportFlowReducer, input, initialExportFlow);

  useEffect(() => dispatch({ type: 'pageRead', snapshot }), [snapshot]);
  useEffect(() => dispatch({ type: 'panelState', panel }), [panel]);

  const { question } = state;
  useEffect(() => {
    if (!question) return;
    const { id, snapshot, choices } = question;
    void sendRequest('previewExport', { courseId, snapshot, choices }).then((reply) =>
      dispatch({ type: 'previewAnswered', question: id, reply }),
    );
  }, [question, courseId]);

  // The signed-in account as the page shows it: the background checks it against the link.
  const teacherEmail = state.snapshot?.teacherEmail;
  const account = teacherEmail ? { accountEmail: teacherEmail } : {};

  /** Sends one student's match change; the reducer then asks the preview it leads to. */
  const changeMatch = async (studentKey: string, send: () => Promise<Reply<unknown>>) => {
    dispatch({ type: 'matchAsked', studentKey });
    dispatch({ type: 'matchAnswered', reply: await send() });
  };

  return {
    stage: state.stage,
    choices: state.choices,
    error: state.error,
    matchBusy: state.matchBusy,
    matchError: state.matchError,
    cancelling: state.cancelling,
    openPreview: () => dispatch({ type: 'previewAsked' }),
    changeChoices: (choices: ExportChoices) => dispatch({ type: 'choicesChanged', choices }),
    close: () => dispatch({ type: 'previewClosed' }),

    match: (studentKey: string, sisStudentId: string | null) =>
      changeMatch(studentKey, () =>
        sendRequest('setStudentMatch', { courseId, studentKey, sisStudentId, ...account }),
      ),

    matchAutomatically: (studentKey: string) =>
      changeMatch(studentKey, () =>
        sendRequest('resetStudentMatch', { courseId, studentKey, ...account }),
      ),

    async start() {
      const { snapshot, choices } = state;
      if (!snapshot || !shownPreview(state)) return;
      dispatch({ type: 'startAsked' });
      const reply = await sendRequest('startExport', { courseId, snapshot, choices });
      dispatch({ type: 'startAnswered', reply });
      if (reply.ok && reply.data.operations === 0) {
        // Recorded as done at once: fetch the summary rather than wait for a run.
        const after = await reload();
        dispatch({ type: 'startRecorded', summary: after?.history[0] });
      }
    },

    async cancel() {
      dispatch({ type: 'cancelAsked' });
      dispatch({ type: 'cancelAnswered', reply: await sendRequest('cancelExport', { courseId }) });
    },
  };
}

export type ExportFlow = ReturnType<typeof useExportFlow>;
