// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CourseworkStatus } from '@/components/panel/CourseworkStatus';
import { ExportAnnouncement } from '@/components/panel/ExportAnnouncement';
import { ExportHistory } from '@/components/panel/ExportHistory';
import { ExportSummarySection } from '@/components/panel/ExportSummarySection';
import { useLocale } from '../../support/fake-i18n';
import { render, testId } from '../../support/render';
import { NAMES, SUMMARY } from './fixtures';

const TITLES = { '101': 'Essay: The Water Cycle', '102': 'Lab report' };
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ExportSummarySection', () => {
  it('counts what was created, updated, deleted, unchanged and failed', () => {
    const { container } = render(
      <ExportSummarySection summary={SUMMARY} titles={TITLES} names={NAMES} />,
    );
    expect(container.querySelector('h3')?.textContent).toBe('Export finished with errors');
    const counts = ['created', 'updated', 'deleted', 'unchanged', 'failed'].map((k) =>
      testId(container, `summary-${k}`),
    );
    expect(counts).toEqual(['3', '1', '1', '4', '3']);
    expect(testId(container, 'summary-counts')).toBe('Created3Updated1Deleted1Unchanged4Failed3');
  });

  it('names each failure by coursework and student with the SIS’s reason, and says how many more', () => {
    const { container } = render(
      <ExportSummarySection summary={SUMMARY} titles={TITLES} names={NAMES} />,
    );
    expect(testId(container, 'summary-failures')).toBe(
      'Essay: The Water Cycle – José Álvarez: The SIS refused the data: score out of range.',
    );
    expect(container.textContent).toContain('… and 2 more.');
  });

  it('explains a stop and what was left unsent', () => {
    const stopped = {
      ...SUMMARY,
      state: 'stopped' as const,
      failed: [],
      failedCount: 0,
      pending: 7,
      stopMessage: 'The SIS rejected the credentials.',
    };
    const { container } = render(
      <ExportSummarySection summary={stopped} titles={TITLES} names={NAMES} />,
    );
    expect(container.querySelector('h3')?.textContent).toBe('Export stopped');
    expect(container.textContent).toContain('The SIS rejected the credentials.');
    expect(container.textContent).toContain('7 changes were not sent. Export again to send them.');
  });

  it('speaks Dutch', () => {
    useLocale('nl');
    const { container } = render(
      <ExportSummarySection
        summary={{ ...SUMMARY, state: 'completed' }}
        titles={TITLES}
        names={NAMES}
      />,
    );
    expect(container.querySelector('h3')?.textContent).toBe('Export voltooid');
    expect(testId(container, 'summary-counts')).toContain('Aangemaakt3');
  });
});

describe('CourseworkStatus and ExportHistory', () => {
  it('gives each coursework its last export time, or says it was never exported', () => {
    const { container } = render(
      <CourseworkStatus
        coursework={[
          { id: '101', title: 'Essay: The Water Cycle' },
          { id: '102', title: 'Lab report' },
        ]}
        lastExported={{ '101': '2026-03-12T10:02:00.000Z' }}
      />,
    );
    expect(container.querySelector('summary')?.textContent).toBe(
      'Status per coursework (1 of 2 exported)',
    );
    const items = [...container.querySelectorAll('li')].map((li) => li.textContent);
    expect(items[0]).toMatch(/^Essay: The Water Cycle: Last exported .*2026/);
    expect(items[1]).toBe('Lab report: Not exported yet');
  });

  it('lists earlier exports newest first in a collapsed section', () => {
    const older = {
      ...SUMMARY,
      exportId: 'e-0',
      state: 'cancelled' as const,
      finishedAt: '2026-03-10T09:00:00.000Z',
    };
    const { container } = render(<ExportHistory history={[SUMMARY, older]} />);
    const details = container.querySelector('details');
    expect(details?.open).toBe(false);
    expect(container.querySelector('summary')?.textContent).toBe('Export history (2)');
    const items = [...container.querySelectorAll('li')].map((li) => li.textContent);
    expect(items[0]).toContain(
      'Export finished with errors: 3 created, 1 updated, 1 deleted, 4 unchanged, 3 failed',
    );
    expect(items[1]).toContain('Export cancelled');
  });

  it('shows no history before the first export', () => {
    const { container } = render(<ExportHistory history={[]} />);
    expect(container.innerHTML).toBe('');
  });
});

describe('ExportAnnouncement', () => {
  it('is an always-present status region that says how the export ended', () => {
    const { container, root } = render(<ExportAnnouncement />);
    const region = container.querySelector('[role=status]');
    expect(region?.textContent).toBe('');
    act(() => root.render(<ExportAnnouncement summary={SUMMARY} />));
    expect(container.querySelector('[role=status]')).toBe(region);
    expect(region?.textContent).toBe(
      'Export finished with errors: 3 created, 1 updated, 1 deleted, 4 unchanged, 3 failed',
    );
  });
});
