/**
 * The export view's state machine, transition by transition, as a pure function: no React, no
 * background. What the panel shows through it is covered by panel-container.test.tsx and e2e.
 */
import { describe, expect, it } from 'vitest';
import {
  type ExportFlowEvent,
  type ExportFlowState,
  exportFlowReducer,
  initialExportFlow,
} from '@/entrypoints/classroom.content/export-flow';
import type { CourseSnapshot } from '@/lib/classroom/model';
import type { PanelState, Preview } from '@/lib/messaging/replies';
import type { ExportChoices } from '@/lib/messaging/requests';
import { PREVIEW, SUMMARY } from '../components/panel/fixtures';

const SNAPSHOT: CourseSnapshot = {
  schemaVersion: 1,
  readAt: '2026-11-28T10:00:00.000Z',
  course: {
    courseId: '734512908812',
    urlCourseId: 'NzM0NTEyOTA4ODEy',
    accountIndex: 0,
    name: 'Algebra I',
  },
  teacherEmail: 'eramirez@riversideusd.example.org',
  coverage: { gradebook: true, roster: false },
  coursework: [],
  students: [],
  grades: [],
};
const STREAM_ONLY: CourseSnapshot = { ...SNAPSHOT, coverage: { gradebook: false, roster: false } };
const CHOICES: ExportChoices = { excludedCoursework: ['101'], categories: {} };
const NEWER: Preview = { ...PREVIEW, operations: PREVIEW.operations + 1 };
const PANEL: PanelState = {
  access: { connected: true, exportAllowed: true },
  link: null,
  export: { running: false, resumable: false, resuming: false },
  history: [],
  lastExported: {},
};
const exporting = (flags: Partial<PanelState['export']>, history = PANEL.history): PanelState => ({
  ...PANEL,
  export: { ...PANEL.export, ...flags },
  history,
});
const refused = (message: string) => ({
  ok: false as const,
  error: { code: 'forbidden' as const, message },
});

const run = (state: ExportFlowState, ...events: ExportFlowEvent[]) =>
  events.reduce(exportFlowReducer, state);
const start = (previewFirst = false) =>
  run(initialExportFlow({ previewFirst }), { type: 'pageRead', snapshot: SNAPSHOT });
/** A preview on screen, answered to the first question. */
const previewing = () =>
  run(
    start(),
    { type: 'previewAsked' },
    { type: 'previewAnswered', question: 1, reply: { ok: true, data: PREVIEW } },
  );
const running = () =>
  run(
    previewing(),
    { type: 'startAsked' },
    { type: 'startAnswered', reply: { ok: true, data: { operations: 9 } } },
  );

describe('exportFlowReducer', () => {
  it('starts idle with the link’s saved choices, or none', () => {
    expect(initialExportFlow({ previewFirst: false })).toMatchObject({
      stage: { mode: 'idle' },
      choices: { excludedCoursework: [], categories: {} },
      cancelling: false,
    });
    expect(initialExportFlow({ savedChoices: CHOICES, previewFirst: false }).choices).toBe(CHOICES);
  });

  describe('the preview', () => {
    it('asks a question about the page as read and the choices, then shows its answer', () => {
      const asked = run(start(), { type: 'previewAsked' });
      expect(asked.stage).toEqual({ mode: 'preview', preview: undefined, updating: true });
      expect(asked.question).toEqual({ id: 1, snapshot: SNAPSHOT, choices: asked.choices });
      const answered = run(asked, {
        type: 'previewAnswered',
        question: 1,
        reply: { ok: true, data: PREVIEW },
      });
      expect(answered.stage).toEqual({ mode: 'preview', preview: PREVIEW, updating: false });
      expect(answered.question).toBeUndefined();
    });

    it('asks nothing before the page was read', () => {
      const idle = initialExportFlow({ previewFirst: false });
      expect(run(idle, { type: 'previewAsked' })).toBe(idle);
      const changed = run(idle, { type: 'choicesChanged', choices: CHOICES });
      expect(changed.choices).toBe(CHOICES);
      expect(changed.stage).toEqual({ mode: 'idle' });
      expect(changed.question).toBeUndefined();
    });

    it('keeps the preview on screen while a new choice is asked, and drops the late answer to the older question', () => {
      const asked = run(previewing(), { type: 'choicesChanged', choices: CHOICES });
      expect(asked.choices).toBe(CHOICES);
      expect(asked.stage).toEqual({ mode: 'preview', preview: PREVIEW, updating: true });
      expect(asked.question).toEqual({ id: 2, snapshot: SNAPSHOT, choices: CHOICES });
      const newer = { ...CHOICES, excludedCoursework: [] };
      const again = run(asked, { type: 'choicesChanged', choices: newer });
      // The answer to question 2 arrives after question 3 was asked: it no longer describes the choices.
      const late = run(again, {
        type: 'previewAnswered',
        question: 2,
        reply: { ok: true, data: NEWER },
      });
      expect(late).toBe(again);
      const answered = run(again, {
        type: 'previewAnswered',
        question: 3,
        reply: { ok: true, data: NEWER },
      });
      expect(answered.stage).toEqual({ mode: 'preview', preview: NEWER, updating: false });
    });

    it('says why a preview failed, keeping the one on screen or going back to "Export grades"', () => {
      const first = run(start(), { type: 'previewAsked' });
      const failed = run(first, { type: 'previewAnswered', question: 1, reply: refused('No SIS') });
      expect(failed.stage).toEqual({ mode: 'idle' });
      expect(failed.error).toBe('No SIS');
      const updating = run(previewing(), { type: 'choicesChanged', choices: CHOICES });
      const kept = run(updating, { type: 'previewAnswered', question: 2, reply: refused('Busy') });
      expect(kept.stage).toEqual({ mode: 'preview', preview: PREVIEW, updating: false });
      expect(kept.error).toBe('Busy');
      // The next question clears the error.
      expect(run(kept, { type: 'previewAsked' }).error).toBeUndefined();
    });

    it('closes to "Export grades" and drops an answer still on its way', () => {
      const asked = run(previewing(), { type: 'choicesChanged', choices: CHOICES });
      const closed = run(asked, { type: 'previewClosed' });
      expect(closed.stage).toEqual({ mode: 'idle' });
      expect(closed.question).toBeUndefined();
      const late = {
        type: 'previewAnswered',
        question: 2,
        reply: { ok: true, data: NEWER },
      } as const;
      expect(run(closed, late)).toBe(closed);
    });

    it('opens by itself once, when the Grades page of a just-linked class is read', () => {
      const linked = run(initialExportFlow({ previewFirst: true }), {
        type: 'pageRead',
        snapshot: STREAM_ONLY,
      });
      expect(linked.stage).toEqual({ mode: 'idle' });
      const read = run(linked, { type: 'pageRead', snapshot: SNAPSHOT });
      expect(read.stage).toEqual({ mode: 'preview', preview: undefined, updating: true });
      expect(read.question?.snapshot).toBe(SNAPSHOT);
      const closed = run(read, { type: 'previewClosed' });
      const next = { ...SNAPSHOT, readAt: '2026-11-28T10:01:00.000Z' };
      const reread = run(closed, { type: 'pageRead', snapshot: next });
      expect(reread.stage).toEqual({ mode: 'idle' });
      expect(reread.snapshot).toBe(next);
      // Not linked just now: reading the Grades page opens nothing.
      expect(start().stage).toEqual({ mode: 'idle' });
    });

    it('opens by itself on any class page of a just-linked class when the Classroom API reads it', () => {
      const google = (signedIn: boolean): PanelState => ({
        ...PANEL,
        access: { ...PANEL.access, google: { configured: true, signedIn } },
      });
      // Set up but not signed in: the Stream page has no grades to preview.
      const linked = run(
        initialExportFlow({ previewFirst: true, panel: google(false) }),
        { type: 'pageRead', snapshot: STREAM_ONLY },
        { type: 'panelState', panel: google(false) },
      );
      expect(linked.stage).toEqual({ mode: 'idle' });
      // Signed in: the background reads the class from the API.
      const signedIn = run(linked, { type: 'panelState', panel: google(true) });
      expect(signedIn.stage).toEqual({ mode: 'preview', preview: undefined, updating: true });
      expect(signedIn.question?.snapshot).toBe(STREAM_ONLY);
      // Signed in from the start: at once, and only once.
      const atOnce = run(initialExportFlow({ previewFirst: true, panel: google(true) }), {
        type: 'pageRead',
        snapshot: STREAM_ONLY,
      });
      expect(atOnce.question?.id).toBe(1);
      const closed = run(atOnce, { type: 'previewClosed' });
      expect(run(closed, { type: 'panelState', panel: google(true) }).stage).toEqual({
        mode: 'idle',
      });
    });

    it('keeps the last page read when a reading brings no snapshot', () => {
      const read = start();
      expect(run(read, { type: 'pageRead' })).toBe(read);
    });
  });

  describe('student matching', () => {
    it('marks the student busy, then shows the preview the new match leads to', () => {
      const asked = run(previewing(), { type: 'matchAsked', studentKey: 'id:2' });
      expect(asked.matchBusy).toBe('id:2');
      const answered = run(asked, { type: 'matchAnswered', reply: { ok: true, data: {} } });
      expect(answered.matchBusy).toBeUndefined();
      expect(answered.stage).toEqual({ mode: 'preview', preview: PREVIEW, updating: true });
      expect(answered.question?.id).toBe(2);
    });

    it('says why a match was refused and leaves the preview as it is', () => {
      const asked = run(previewing(), { type: 'matchAsked', studentKey: 'id:2' });
      const answered = run(asked, { type: 'matchAnswered', reply: refused('Taken') });
      expect(answered).toMatchObject({ matchError: 'Taken', matchBusy: undefined });
      expect(answered.stage).toEqual({ mode: 'preview', preview: PREVIEW, updating: false });
      expect(run(answered, { type: 'matchAsked', studentKey: 'id:3' }).matchError).toBeUndefined();
    });
  });

  describe('the start', () => {
    it('starts from the preview on screen and runs once the background accepted it', () => {
      const starting = run(previewing(), { type: 'startAsked' });
      expect(starting.stage).toEqual({ mode: 'starting', preview: PREVIEW });
      expect(running().stage).toEqual({ mode: 'running', resuming: false });
    });

    it('starts nothing without a preview on screen', () => {
      const idle = start();
      expect(run(idle, { type: 'startAsked' })).toBe(idle);
    });

    it('drops a preview answer that arrives after Export was clicked', () => {
      const asked = run(previewing(), { type: 'choicesChanged', choices: CHOICES });
      const starting = run(asked, { type: 'startAsked' });
      const late = {
        type: 'previewAnswered',
        question: 2,
        reply: { ok: true, data: NEWER },
      } as const;
      expect(run(starting, late)).toBe(starting);
    });

    it('goes back to the preview with the reason when the start is refused', () => {
      const refusedStart = run(
        previewing(),
        { type: 'startAsked' },
        { type: 'startAnswered', reply: refused('Not allowed') },
      );
      expect(refusedStart.stage).toEqual({ mode: 'preview', preview: PREVIEW, updating: false });
      expect(refusedStart.error).toBe('Not allowed');
    });

    it('with nothing to send, waits for the recorded summary and shows it', () => {
      const nothing = run(
        previewing(),
        { type: 'startAsked' },
        { type: 'startAnswered', reply: { ok: true, data: { operations: 0 } } },
      );
      expect(nothing.stage).toEqual({ mode: 'starting', preview: PREVIEW });
      const done = run(nothing, { type: 'startRecorded', summary: SUMMARY });
      expect(done.stage).toEqual({ mode: 'done', summary: SUMMARY });
    });

    it('does not let a panel state from before the run move the starting view', () => {
      const starting = run(previewing(), { type: 'startAsked' });
      for (const panel of [PANEL, exporting({ running: true }), exporting({ resuming: true })]) {
        expect(run(starting, { type: 'panelState', panel })).toBe(starting);
      }
    });
  });

  describe("the background's word on the run", () => {
    it('shows a run found running or about to resume as resuming, from idle or done', () => {
      const idle = start();
      for (const flags of [{ running: true }, { resuming: true }]) {
        const found = run(idle, { type: 'panelState', panel: exporting(flags) });
        expect(found.stage).toEqual({ mode: 'running', resuming: true });
      }
      const done = run(running(), { type: 'panelState', panel: exporting({}, [SUMMARY]) });
      const again = run(done, { type: 'panelState', panel: exporting({ running: true }) });
      expect(again.stage).toEqual({ mode: 'running', resuming: true });
    });

    it('shows a run it watched as resuming once its worker stopped', () => {
      const cut = run(running(), {
        type: 'panelState',
        panel: exporting({ resumable: true, resuming: true }),
      });
      expect(cut.stage).toEqual({ mode: 'running', resuming: true });
    });

    it('keeps a run running while the background reports it', () => {
      const watched = running();
      expect(run(watched, { type: 'panelState', panel: exporting({ running: true }) })).toBe(
        watched,
      );
    });

    it('moves running to done only when the run is no longer reported, with its summary', () => {
      const ended = run(running(), { type: 'panelState', panel: exporting({}, [SUMMARY]) });
      expect(ended.stage).toEqual({ mode: 'done', summary: SUMMARY });
      // Cut off and not resumed: done, with no summary of its own; "Export grades" says unfinished.
      const unfinished = run(running(), {
        type: 'panelState',
        panel: exporting({ resumable: true }),
      });
      expect(unfinished.stage).toEqual({ mode: 'done', summary: undefined });
    });

    it('leaves idle and preview alone when nothing runs', () => {
      const idle = start();
      expect(run(idle, { type: 'panelState', panel: exporting({ resumable: true }) })).toBe(idle);
      const shown = previewing();
      expect(run(shown, { type: 'panelState', panel: PANEL })).toBe(shown);
    });
  });

  describe('Cancel', () => {
    it('shows the cancel as under way until the run ends', () => {
      const asked = run(running(), { type: 'cancelAsked' });
      expect(asked.cancelling).toBe(true);
      const answered = run(asked, { type: 'cancelAnswered', reply: { ok: true, data: {} } });
      expect(answered).toBe(asked);
      const ended = run(answered, { type: 'panelState', panel: exporting({}, [SUMMARY]) });
      expect(ended.stage).toEqual({ mode: 'done', summary: SUMMARY });
    });

    it('says why a cancel was refused and offers it again', () => {
      const answered = run(
        running(),
        { type: 'cancelAsked' },
        { type: 'cancelAnswered', reply: refused('Too late') },
      );
      expect(answered).toMatchObject({ cancelling: false, error: 'Too late' });
      expect(answered.stage).toEqual({ mode: 'running', resuming: false });
    });

    it('starts the next export with no cancel under way', () => {
      const cancelled = run(running(), { type: 'cancelAsked' });
      const next = run(
        { ...cancelled, stage: { mode: 'preview', preview: PREVIEW, updating: false } },
        { type: 'startAsked' },
      );
      expect(next.cancelling).toBe(false);
    });
  });
});
