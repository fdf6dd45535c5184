// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type PageReading, PageReadingSection } from '@/components/panel/PageReading';
import type { SnapshotSummary } from '@/lib/classroom/read-page';
import { useLocale } from '../support/fake-i18n';
import { click } from '../support/render';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SUMMARY: SnapshotSummary = {
  courseName: 'Biology 101',
  section: 'Period 3',
  teacherEmail: 'alex.rivera@school.example',
  gradebookRead: true,
  courseworkCount: 8,
  studentCount: 8,
  studentsWithEmail: 7,
  unreadableCount: 0,
};

let container: HTMLElement;
function render(
  reading: PageReading,
  onCopy = () => {},
  copy: 'idle' | 'copied' | 'failed' = 'idle',
  classFromApi = false,
  disagreementCount = 0,
) {
  container = document.createElement('div');
  document.body.append(container);
  act(() =>
    createRoot(container).render(
      <PageReadingSection
        reading={reading}
        onCopyDiagnostics={onCopy}
        diagnosticsCopy={copy}
        classFromApi={classFromApi}
        disagreementCount={disagreementCount}
      />,
    ),
  );
}
const text = (testId: string) => container.querySelector(`[data-testid=${testId}]`)?.textContent;
afterEach(() => container.remove());

describe('PageReadingSection', () => {
  it('announces that it is reading', () => {
    render({ state: 'reading' });
    expect(container.querySelector('[role=status]')?.textContent).toBe(
      'Reading the class from the page…',
    );
  });

  it('shows the class, the teacher and the counts read from the Grades page', () => {
    render({ state: 'read', summary: SUMMARY });
    expect(text('panel-course-name')).toBe('Biology 101 · Period 3');
    expect(text('panel-teacher')).toBe('alex.rivera@school.example');
    expect(text('panel-coursework-count')).toBe('8');
    expect(text('panel-student-count')).toBe('8 (7 with an email address)');
    expect(container.querySelector('button')).toBeNull(); // nothing to report
  });

  it('asks for the Grades page before it knows the coursework', () => {
    render({ state: 'read', summary: { ...SUMMARY, gradebookRead: false, studentCount: 0 } });
    expect(text('panel-coursework-count')).toBeUndefined();
    expect(text('panel-student-count')).toBeUndefined();
    expect(container.textContent).toContain('Open the Grades page');
  });

  it('does not send the teacher to the Grades page when the class is read from the Classroom API', () => {
    const summary = { ...SUMMARY, gradebookRead: false, studentCount: 0 };
    render({ state: 'read', summary }, () => {}, 'idle', true);
    expect(text('panel-course-name')).toBe('Biology 101 · Period 3');
    expect(text('panel-open-grades')).toBeUndefined();
    expect(container.textContent).not.toContain('Open the Grades page');
  });

  it('says when the teacher email is not on the page', () => {
    const { teacherEmail: _, ...summary } = SUMMARY;
    render({ state: 'read', summary });
    expect(text('panel-teacher')).toBe('Not shown on this page');
  });

  it('counts the cells the last preview found differing from the API, and offers diagnostics', () => {
    const onCopy = vi.fn();
    render({ state: 'read', summary: SUMMARY }, onCopy);
    expect(container.querySelector('button')).toBeNull(); // nothing to report
    container.remove();
    render({ state: 'read', summary: SUMMARY }, onCopy, 'idle', true, 2);
    expect(text('panel-disagreements')).toBe(
      "In the last preview, 2 cells on this page differed from the Classroom API. Copy diagnostics and send them to the extension's maintainers (no names or grades are copied).",
    );
    click(container.querySelector('button'));
    expect(onCopy).toHaveBeenCalledOnce();
  });

  it('counts unreadable cells and offers diagnostics', () => {
    const onCopy = vi.fn();
    render({ state: 'read', summary: { ...SUMMARY, unreadableCount: 3 } }, onCopy);
    expect(text('panel-unreadable')).toBe(
      'Grade cells the extension could not read: 3. They will not be exported.',
    );
    click(container.querySelector('button'));
    expect(onCopy).toHaveBeenCalledOnce();
  });

  it.each([
    [{ code: 'no-grid' } as const, 'The grades table did not appear on this page.'],
    [{ code: 'no-course-name' } as const, 'The class name was not found on this page.'],
    [
      { code: 'no-students' } as const,
      'The grades table was found, but the extension could not tell which rows are students.',
    ],
    [
      { code: 'invalid-snapshot', detail: 'students.3.email: Invalid email address' } as const,
      "What the page shows did not pass the extension's checks (students.3.email: Invalid email address).",
    ],
  ])('explains a failed read (%o) as an alert, with diagnostics', (failure, message) => {
    render({ state: 'failed', failure });
    expect(container.querySelector('[role=alert]')?.textContent).toBe(message);
    expect(container.querySelector('button')?.textContent).toBe('Copy diagnostics');
  });

  it.each([
    ['copied', 'Diagnostics copied to the clipboard.'],
    ['failed', 'Could not copy to the clipboard. Click the page first, then try again.'],
  ] as const)('reports a %s copy', (copy, message) => {
    render({ state: 'failed', failure: { code: 'no-grid' } }, () => {}, copy);
    expect(text('panel-diagnostics-status')).toBe(message);
  });

  it('speaks Dutch in a Dutch browser', () => {
    useLocale('nl');
    render({ state: 'read', summary: { ...SUMMARY, unreadableCount: 1 } });
    expect(container.querySelector('dt')?.textContent).toBe('Klas');
    expect(text('panel-student-count')).toBe('8 (7 met e-mailadres)');
    expect(container.querySelector('button')?.textContent).toBe('Diagnose kopiëren');
  });
});

describe('PageReadingSection on a grid it cannot line up', () => {
  it('says so', () => {
    render({ state: 'failed', failure: { code: 'no-grade-cells' } });
    expect(container.querySelector('[role=alert]')?.textContent).toMatch(
      /none of its cells could be matched/,
    );
  });
});
