// @vitest-environment happy-dom
/**
 * The carried-over notice reaches the teacher with the preview that carried the link over to a
 * new OneRoster version, before the panel state is asked again.
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelContainer } from '@/entrypoints/classroom.content/PanelContainer';
import type { CourseSnapshot } from '@/lib/classroom/model';
import type { PanelState, Preview } from '@/lib/messaging/replies';
import { PREVIEW } from '../components/panel/fixtures';
import { button, userClick } from '../support/render';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const COURSE = '734512908812';
const SNAPSHOT: CourseSnapshot = {
  schemaVersion: 1,
  readAt: '2026-11-28T10:00:00.000Z',
  course: { courseId: COURSE, urlCourseId: 'NzM0NTEyOTA4ODEy', accountIndex: 0, name: 'Algebra' },
  teacherEmail: 'eramirez@riversideusd.example.org',
  coverage: { gradebook: true, roster: false },
  coursework: [],
  students: [],
  grades: [],
};
const LINKED: PanelState = {
  access: { connected: true, exportAllowed: true },
  link: {
    sisClassId: 'class-1',
    title: 'Algebra I',
    termTitles: [],
    teacherEmail: 'eramirez@riversideusd.example.org',
    linkedAt: '2026-11-28T10:00:00.000Z',
  },
  export: { running: false, resumable: false, resuming: false },
  history: [],
  lastExported: {},
};
const CARRIED: Preview = {
  ...PREVIEW,
  carriedOver: {
    from: '1.1',
    to: '1.2',
    at: '2026-11-28T10:01:00.000Z',
    students: { byLegacyId: 3, byEmail: 20, lost: 0 },
    lineItems: 4,
  },
};

let container: HTMLElement;
beforeEach(() => {
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const { type } = message as { type: string };
    if (type === 'getPanelState') return Promise.resolve({ ok: true, data: LINKED });
    if (type === 'previewExport') return Promise.resolve({ ok: true, data: CARRIED });
    return undefined;
  });
});
afterEach(() => {
  container?.remove();
  fakeBrowser.reset();
});

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

describe('the carried-over notice', () => {
  it('shows with the preview that carried the link over', async () => {
    container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () =>
      root.render(
        <PanelContainer courseId={COURSE} reading={{ state: 'reading' }} snapshot={SNAPSHOT} />,
      ),
    );
    await settle();
    expect(container.querySelector('[data-testid=link-carried-over]')).toBeNull();
    await act(async () => userClick(button(container, 'Export grades')));
    await settle();
    expect(container.querySelector('[data-testid=link-carried-over]')?.textContent).toContain(
      'Moved to OneRoster 1.2 (from 1.1). Manual student matches found again by their old SIS id: 3.',
    );
  });
});
