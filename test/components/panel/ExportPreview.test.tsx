// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportPreview, type ExportPreviewProps } from '@/components/panel/ExportPreview';
import { useLocale } from '../../support/fake-i18n';
import { button, change, click, labelled, render, testId } from '../../support/render';
import { PREVIEW } from './fixtures';

function props(overrides: Partial<ExportPreviewProps> = {}): ExportPreviewProps {
  return {
    preview: PREVIEW,
    choices: { excludedCoursework: [], categories: {} },
    lastExported: { '102': '2026-03-12T10:02:00.000Z' },
    updating: false,
    onChoices: vi.fn(),
    onExport: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  };
}
afterEach(() => {
  document.body.innerHTML = '';
});

const rows = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-testid=preview-row]')].map((row) => ({
    title: row.querySelector('th')?.firstChild?.textContent,
    action: row.querySelector('[data-testid=preview-action]')?.textContent,
    grades: row.querySelector('[data-testid=preview-grades]')?.textContent,
  }));

describe('ExportPreview', () => {
  it('says per coursework what happens to it and to its grades, in words', () => {
    const { container } = render(<ExportPreview {...props()} />);
    expect(rows(container)).toEqual([
      {
        title: 'Essay: The Water Cycle',
        action: 'Create',
        grades: '2 to send, 2 skipped (draft: 1, student not matched: 1)',
      },
      {
        title: 'Lab report with a very long title',
        action: 'Update',
        grades: '1 to delete, 1 unchanged',
      },
      {
        title: 'Class poster',
        action: 'Skipped: choose a category to export it',
        grades: 'No grades',
      },
      { title: 'Reading log', action: 'Skipped: ungraded (no points)', grades: 'No grades' },
    ]);
    expect(testId(container, 'preview-totals')).toBe(
      '1 line items to create, 1 to update, 0 unchanged, 2 skipped; 2 grades to send, 1 to delete.',
    );
  });

  it('flags defaulted due dates and cut titles, and says when each item was last exported', () => {
    const { container } = render(<ExportPreview {...props()} />);
    const [essay, lab] = container.querySelectorAll('[data-testid=preview-row] th');
    expect(essay?.textContent).toContain('No due date: the export date is used');
    expect(essay?.textContent).toContain('Grading period: Q1');
    expect(essay?.textContent).toContain('Not exported yet');
    expect(lab?.textContent).toContain("Title shortened to the SIS's limit");
    expect(lab?.textContent).toMatch(/Last exported .*2026/);
  });

  it('is a captioned table with column headers and a row header per coursework', () => {
    const { container } = render(<ExportPreview {...props()} />);
    expect(container.querySelector('caption')?.textContent).toBe(
      'Coursework and what the export does with each item',
    );
    expect(
      [...container.querySelectorAll('thead th[scope=col]')].map((th) => th.textContent),
    ).toEqual(['Export', 'Coursework', 'In the SIS', 'Category', 'Grades']);
    expect(container.querySelectorAll('tbody th[scope=row]')).toHaveLength(4);
  });

  it('unticks and re-ticks coursework through the choices', () => {
    const onChoices = vi.fn();
    const { container } = render(
      <ExportPreview
        {...props({ onChoices, choices: { excludedCoursework: ['102'], categories: {} } })}
      />,
    );
    const lab = labelled(
      container,
      'Export “Lab report with a very long title”',
    ) as HTMLInputElement;
    expect(lab.checked).toBe(false);
    click(labelled(container, 'Export “Essay: The Water Cycle”'));
    expect(onChoices).toHaveBeenLastCalledWith({
      excludedCoursework: ['102', '101'],
      categories: {},
    });
    click(lab);
    expect(onChoices).toHaveBeenLastCalledWith({ excludedCoursework: [], categories: {} });
  });

  it('requires a category where the SIS needs one, and reports the pick', () => {
    const onChoices = vi.fn();
    const { container } = render(<ExportPreview {...props({ onChoices })} />);
    const poster = labelled(container, 'Category for “Class poster”') as HTMLSelectElement;
    expect(poster.getAttribute('aria-required')).toBe('true');
    expect(poster.getAttribute('aria-invalid')).toBe('true');
    expect([...poster.options].map((o) => o.textContent)).toEqual([
      'Choose a category',
      'Homework',
      'Projects',
    ]);
    change(poster, 'cat-proj');
    expect(onChoices).toHaveBeenLastCalledWith({
      excludedCoursework: [],
      categories: { '103': 'cat-proj' },
    });
    // The matched category is preselected; ungraded coursework has nothing to choose.
    expect(
      (labelled(container, 'Category for “Essay: The Water Cycle”') as HTMLSelectElement).value,
    ).toBe('cat-hw');
    expect(labelled(container, 'Category for “Reading log”')).toBeNull();
  });

  it('says under the picker why a category is needed, tied to the select', () => {
    const { container } = render(<ExportPreview {...props()} />);
    const poster = labelled(container, 'Category for “Class poster”') as HTMLSelectElement;
    const hints = container.querySelectorAll('[data-testid=preview-category-needed]');
    expect(hints).toHaveLength(1);
    expect(hints[0]?.textContent).toBe(
      'Choose a category for this assignment: the SIS needs one to take it.',
    );
    expect(poster.getAttribute('aria-describedby')).toBe(hints[0]?.id);
  });

  it('says who can help when the SIS needs a category and lists none', () => {
    const { container } = render(
      <ExportPreview {...props({ preview: { ...PREVIEW, categories: [] } })} />,
    );
    expect(labelled(container, 'Category for “Class poster”')).toBeNull();
    expect(testId(container, 'preview-category-needed')).toContain(
      'lists no grading categories for this class',
    );
  });

  it('names a missing school as the reason, with nothing to pick', () => {
    const [essay, ...rest] = PREVIEW.coursework;
    if (!essay) throw new Error('fixture');
    const row = { ...essay, action: 'skip' as const, reason: 'no-school' as const };
    const { container } = render(
      <ExportPreview {...props({ preview: { ...PREVIEW, coursework: [row, ...rest] } })} />,
    );
    expect(rows(container)[0]?.action).toBe(
      'Skipped: the SIS class names no school, and OneRoster 1.2 needs one on every assignment. Ask your SIS administrator.',
    );
    expect(labelled(container, 'Category for “Essay: The Water Cycle”')).toBeNull();
  });

  it('exports and closes through its buttons; both wait while a new preview is computed', () => {
    const onExport = vi.fn();
    const onClose = vi.fn();
    const { container, root } = render(<ExportPreview {...props({ onExport, onClose })} />);
    click(button(container, 'Export to the SIS'));
    click(button(container, 'Close preview'));
    expect(onExport).toHaveBeenCalledOnce();
    expect(onClose).toHaveBeenCalledOnce();
    root.unmount();
    const updating = render(
      <ExportPreview {...props({ updating: true, error: 'The SIS could not be reached.' })} />,
    );
    expect(button(updating.container, 'Export to the SIS')?.disabled).toBe(true);
    expect(updating.container.textContent).toContain('Updating the preview…');
    expect(testId(updating.container, 'preview-error')).toBe('The SIS could not be reached.');
  });

  it('says when there is nothing to send', () => {
    const { container } = render(
      <ExportPreview {...props({ preview: { ...PREVIEW, operations: 0 } })} />,
    );
    expect(container.textContent).toContain('Nothing has changed since the last export');
  });

  it('speaks Dutch', () => {
    useLocale('nl');
    const { container } = render(<ExportPreview {...props()} />);
    expect(rows(container)[0]?.action).toBe('Aanmaken');
    expect(testId(container, 'preview-totals')).toBe(
      '1 regelitems aan te maken, 1 bij te werken, 0 ongewijzigd, 2 overgeslagen; 2 cijfers te verzenden, 1 te verwijderen.',
    );
    expect(button(container, 'Naar het SIS exporteren')).toBeDefined();
  });
});

describe('ExportPreview: data sources', () => {
  const API_ONLY = {
    api: true,
    page: false,
    unconfirmed: [
      {
        courseworkId: '102',
        studentKey: 'id:2',
        courseworkTitle: 'Lab report with a very long title',
        studentName: 'Bob Jones',
      },
    ],
    disagreements: [],
  };
  const withSources = (sources: NonNullable<typeof PREVIEW.sources>) =>
    render(<ExportPreview {...props({ preview: { ...PREVIEW, sources } })} />).container;

  it('API only: names the source, says what could not be confirmed, lists the kept grades', () => {
    const container = withSources(API_ONLY);
    expect(testId(container, 'preview-source')).toBe('Data source: the Classroom API.');
    expect(testId(container, 'preview-unconfirmed-notice')).toBe(
      'Excused and manually marked work could not be confirmed: open the Grades tab to include them.',
    );
    const kept = container.querySelector('[data-testid=preview-unconfirmed]');
    expect(kept?.textContent).toContain('open the Grades tab to confirm');
    expect([...(kept?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      'Lab report with a very long title: Bob Jones',
    ]);
    expect(container.querySelector('[data-testid=preview-disagreements]')).toBeNull();
    expect(container.querySelector('[data-testid=preview-rendered]')).toBeNull();
  });

  it('counts a kept grade as skipped, not confirmed', () => {
    const [essay, ...rest] = PREVIEW.coursework;
    if (!essay) throw new Error('fixture');
    const row = {
      ...essay,
      grades: [{ studentKey: 'id:2', action: 'skip' as const, reason: 'unconfirmed' as const }],
    };
    const { container } = render(
      <ExportPreview
        {...props({ preview: { ...PREVIEW, coursework: [row, ...rest], sources: API_ONLY } })}
      />,
    );
    expect(rows(container)[0]?.grades).toBe('1 skipped (not confirmed: 1)');
  });

  it('both sources: no unconfirmed notice; unrendered rows and disagreements are said', () => {
    const container = withSources({
      api: true,
      page: true,
      unconfirmed: [],
      rendered: { students: 32, of: 40 },
      disagreements: [
        {
          courseworkId: '101',
          studentKey: 'id:1',
          courseworkTitle: 'Essay: The Water Cycle',
          studentName: 'Ann Smith',
          page: '9/10',
          api: 'returned 8',
        },
      ],
    });
    expect(testId(container, 'preview-source')).toBe(
      'Data source: the Classroom API, with the Grades page laid over it.',
    );
    expect(container.querySelector('[data-testid=preview-unconfirmed-notice]')).toBeNull();
    expect(container.querySelector('[data-testid=preview-unconfirmed]')).toBeNull();
    expect(testId(container, 'preview-rendered')).toBe(
      '32 of 40 students are shown on the Grades page.',
    );
    const disagreements = container.querySelector('[data-testid=preview-disagreements]');
    expect(disagreements?.querySelector('li')?.textContent).toBe(
      'Essay: The Water Cycle, Ann Smith: the page shows “9/10”, the API has “returned 8”',
    );
    expect(disagreements?.textContent).toContain('They are reported in Copy diagnostics.');
  });

  it('the page alone: one line, nothing else; a preview without sources shows none', () => {
    const container = withSources({ api: false, page: true, unconfirmed: [], disagreements: [] });
    expect(testId(container, 'preview-sources')).toBe('Data source: the Grades page.');
    document.body.innerHTML = '';
    const none = render(<ExportPreview {...props()} />).container;
    expect(none.querySelector('[data-testid=preview-sources]')).toBeNull();
  });

  it('speaks Dutch', () => {
    useLocale('nl');
    const container = withSources(API_ONLY);
    expect(testId(container, 'preview-source')).toBe('Gegevensbron: de Classroom-API.');
    expect(testId(container, 'preview-unconfirmed-notice')).toBe(
      'Vrijgestelde en handmatig gemarkeerde opdrachten konden niet worden bevestigd: open het tabblad Cijfers om ze mee te nemen.',
    );
  });
});
