// @vitest-environment happy-dom
/**
 * The panel's container against a fake background (WXT's fake browser delivers runtime messages
 * to onMessage listeners): state loading that never hangs, polling while an export runs, and the
 * brief wait for a restarted worker to resume an unfinished export.
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelContainer } from '@/entrypoints/classroom.content/PanelContainer';
import type { ExportSummaryView, PanelState } from '@/lib/messaging/replies';
import { userClick } from '../support/render';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const COURSE = '734512908812';
const LINKED: PanelState = {
  access: { connected: true, exportAllowed: true },
  link: {
    sisClassId: 'class-1',
    title: 'Algebra I - Period 1',
    classCode: 'ALG1-P1-1',
    termTitles: ['Fall 2026'],
    teacherEmail: 'eramirez@riversideusd.example.org',
    linkedAt: '2026-11-28T10:00:00.000Z',
  },
  export: { running: false, resumable: false, resuming: false },
  history: [],
  lastExported: {},
};
const SUMMARY: ExportSummaryView = {
  exportId: 'e-1',
  state: 'completed',
  finishedAt: '2026-11-28T10:05:00.000Z',
  created: 12,
  updated: 0,
  deleted: 0,
  unchanged: 0,
  failed: [],
  failedCount: 0,
  pending: 0,
};

/** The fake background: answers getPanelState from `states` in turn (the last one repeats). */
let answers: Array<PanelState | 'hang'>;
let asked: number;
beforeEach(() => {
  vi.useFakeTimers();
  asked = 0;
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    if ((message as { type: string }).type !== 'getPanelState') return undefined;
    const answer = answers[Math.min(asked++, answers.length - 1)];
    if (answer === 'hang') return new Promise(() => {});
    return Promise.resolve({ ok: true, data: answer });
  });
});
let container: HTMLElement;
afterEach(() => {
  container?.remove();
  vi.useRealTimers();
});

async function renderContainer() {
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () =>
    root.render(<PanelContainer courseId={COURSE} reading={{ state: 'reading' }} />),
  );
}
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const text = () => container.textContent ?? '';

describe('PanelContainer', () => {
  it('does not stay on "Checking the SIS connection…": silence becomes an error with Try again', async () => {
    answers = [
      'hang',
      'hang',
      { ...LINKED, access: { connected: false, exportAllowed: false }, link: null },
    ];
    await renderContainer();
    expect(text()).toContain('Checking the SIS connection…');
    await advance(16_000); // the wait, one silent second try, and its wait
    expect(container.querySelector('[role=alert]')?.textContent).toMatch(
      /^The extension could not be reached: The extension did not answer\./,
    );
    const retry = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Try again',
    );
    await act(async () => userClick(retry));
    expect(container.querySelector('[data-testid=panel-status]')?.textContent).toContain(
      'has not connected',
    );
  });

  it('opens the options page for a browser that must authorize, and asks again when the teacher comes back', async () => {
    const opened: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      if ((message as { type: string }).type !== 'openSettings') return undefined;
      opened.push(message);
      return Promise.resolve({ ok: true, data: {} });
    });
    const setUp = { connected: false, exportAllowed: false, setup: 'authorize' as const };
    answers = [{ ...LINKED, access: setUp, link: null }, LINKED];
    await renderContainer();
    const open = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === "Open the extension's options",
    );
    await act(async () => userClick(open));
    expect(opened).toEqual([{ type: 'openSettings', data: {} }]);
    expect(asked).toBe(1);
    // Authorized in the options tab; back on Classroom, the panel asks again and opens up.
    await act(async () => window.dispatchEvent(new Event('focus')));
    expect(asked).toBe(2);
    expect(container.querySelector('[data-testid=panel-setup]')).toBeNull();
    expect(text()).toContain('Algebra I - Period 1');
    await act(async () => window.dispatchEvent(new Event('focus')));
    expect(asked).toBe(2); // nothing left to set up: focus no longer asks
  });

  it('shows an export it finds running as resuming, polls it, and sums it up when it ends', async () => {
    const progress = {
      phase: 'grades' as const,
      done: 3,
      total: 10,
      failed: 0,
      retrying: 0,
      concurrency: 4,
    };
    answers = [
      { ...LINKED, export: { running: true, resumable: false, resuming: false, progress } },
      {
        ...LINKED,
        export: {
          running: true,
          resumable: false,
          resuming: false,
          progress: { ...progress, done: 8 },
        },
      },
      { ...LINKED, history: [SUMMARY], lastExported: {} },
    ];
    await renderContainer();
    expect(container.querySelector('h3')?.textContent).toBe('Resuming export…');
    expect(container.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')).toBe('3');
    await advance(500);
    expect(container.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')).toBe('8');
    await advance(500);
    expect(container.querySelector('[data-testid=export-summary] h3')?.textContent).toBe(
      'Export finished',
    );
    expect(container.querySelector('[data-testid=export-announcement]')?.textContent).toBe(
      'Export finished: 12 created, 0 updated, 0 deleted, 0 unchanged, 0 failed',
    );
    const polls = asked;
    await advance(5_000);
    expect(asked).toBe(polls); // polling stopped with the export
  });

  it('follows an export it watched through a worker restart to its summary, never calling it unfinished', async () => {
    const progress = {
      phase: 'grades' as const,
      done: 3,
      total: 10,
      failed: 0,
      retrying: 0,
      concurrency: 4,
    };
    answers = [
      { ...LINKED, export: { running: true, resumable: false, resuming: false, progress } },
      // The worker stopped; the new one has not yet decided to resume the journal it left.
      { ...LINKED, export: { running: false, resumable: true, resuming: true } },
      { ...LINKED, export: { running: false, resumable: true, resuming: true } },
      {
        ...LINKED,
        export: {
          running: true,
          resumable: false,
          resuming: false,
          progress: { ...progress, done: 8 },
        },
      },
      { ...LINKED, history: [SUMMARY], lastExported: {} },
    ];
    await renderContainer();
    expect(container.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')).toBe('3');
    for (const _ of [1, 2]) {
      await advance(500);
      expect(container.querySelector('h3')?.textContent).toBe('Resuming export…');
      expect(container.querySelector('[data-testid=export-unfinished]')).toBeNull();
      expect(container.querySelector('[data-testid=export-summary]')).toBeNull();
    }
    await advance(500);
    expect(container.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')).toBe('8');
    await advance(500);
    expect(container.querySelector('[data-testid=export-summary] h3')?.textContent).toBe(
      'Export finished',
    );
    expect(container.querySelector('[data-testid=export-unfinished]')).toBeNull();
    const polls = asked;
    await advance(3_000);
    expect(asked).toBe(polls); // polling stopped with the export
  });

  it('opened while a restarted worker is about to resume, shows it resuming until it runs', async () => {
    answers = [
      { ...LINKED, export: { running: false, resumable: true, resuming: true } },
      { ...LINKED, export: { running: false, resumable: true, resuming: true } },
      { ...LINKED, export: { running: true, resumable: false, resuming: false } },
      { ...LINKED, history: [SUMMARY], lastExported: {} },
    ];
    await renderContainer();
    expect(text()).toContain('Resuming export…');
    // Nothing runs yet to cancel, and nothing to unlink while it is about to run.
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).not.toContain(
      'Cancel export',
    );
    await advance(500);
    expect(text()).toContain('Resuming export…');
    await advance(500);
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).toContain(
      'Cancel export',
    );
    await advance(500);
    expect(container.querySelector('[data-testid=export-summary] h3')?.textContent).toBe(
      'Export finished',
    );
  });

  it('says an export is unfinished once the restarted worker decided not to resume it', async () => {
    answers = [
      { ...LINKED, export: { running: false, resumable: true, resuming: true } },
      { ...LINKED, export: { running: false, resumable: true, resuming: false } },
    ];
    await renderContainer();
    expect(text()).toContain('Resuming export…');
    await advance(500);
    expect(text()).not.toContain('Resuming export…');
    expect(container.querySelector('[data-testid=export-unfinished]')?.textContent).toContain(
      'The last export did not finish',
    );
    const polls = asked;
    await advance(3_000);
    expect(asked).toBe(polls);
  });

  it('does not wait for a resume after a cancelled export: that one waits for the teacher', async () => {
    answers = [
      {
        ...LINKED,
        export: { running: false, resumable: true, resuming: false },
        history: [{ ...SUMMARY, state: 'cancelled', pending: 4 }],
      },
    ];
    await renderContainer();
    expect(text()).not.toContain('Resuming export…');
    expect(container.querySelector('[data-testid=export-start]')).not.toBeNull();
    const polls = asked;
    await advance(3_000);
    expect(asked).toBe(polls); // nothing to wait for
  });

  it('waits for the resume of a cut-off export even when the export before it was cancelled', async () => {
    // The history's newest entry is the older, cancelled export; the journal is a newer run.
    answers = [
      {
        ...LINKED,
        export: { running: false, resumable: true, resuming: true },
        history: [{ ...SUMMARY, state: 'cancelled', pending: 4 }],
      },
    ];
    await renderContainer();
    expect(text()).toContain('Resuming export…');
  });
});
