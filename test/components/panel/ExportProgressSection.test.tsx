// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportProgressSection } from '@/components/panel/ExportProgressSection';
import { ExportStart } from '@/components/panel/ExportStart';
import { useLocale } from '../../support/fake-i18n';
import { button, click, render, testId } from '../../support/render';

const PROGRESS = {
  phase: 'grades' as const,
  done: 30,
  total: 40,
  failed: 2,
  retrying: 1,
  concurrency: 4,
};
afterEach(() => {
  document.body.innerHTML = '';
});

describe('ExportProgressSection', () => {
  it('shows done of total and the phase in words on a labelled progress bar', () => {
    const { container } = render(
      <ExportProgressSection
        progress={PROGRESS}
        resuming={false}
        cancelling={false}
        onCancel={vi.fn()}
      />,
    );
    const bar = container.querySelector('[role=progressbar]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('32');
    expect(bar?.getAttribute('aria-valuemax')).toBe('40');
    expect(bar?.getAttribute('aria-valuetext')).toBe('Writing grades 32 of 40 done');
    const label = container.querySelector(`[id="${bar?.getAttribute('aria-labelledby')}"]`);
    expect(label?.textContent).toBe('Exporting…');
    expect(testId(container, 'progress-phase')).toBe('Writing grades');
    expect(testId(container, 'progress-count')).toBe('32 of 40 done · 2 failed · 1 retrying');
  });

  it('reads the SIS before the first write: no number yet, and nothing to cancel', () => {
    const { container } = render(<ExportProgressSection resuming={false} cancelling={false} />);
    const bar = container.querySelector('[role=progressbar]');
    expect(bar?.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar?.getAttribute('aria-valuetext')).toBe('Reading the SIS');
    expect(container.querySelector('button')).toBeNull();
  });

  it('says a resumed export picks up where it stopped before its first report', () => {
    const { container } = render(<ExportProgressSection resuming cancelling={false} />);
    expect(container.querySelector('h3')?.textContent).toBe('Resuming export…');
    expect(testId(container, 'progress-phase')).toBe('Picking up where it stopped');
  });

  it('says it is resuming, and cancels', () => {
    const onCancel = vi.fn();
    const { container } = render(
      <ExportProgressSection
        progress={{ ...PROGRESS, phase: 'line-items', failed: 0, retrying: 0 }}
        resuming
        cancelling={false}
        onCancel={onCancel}
      />,
    );
    expect(container.querySelector('h3')?.textContent).toBe('Resuming export…');
    expect(testId(container, 'progress-phase')).toBe('Writing line items');
    click(button(container, 'Cancel export'));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('shows Cancelling… while the background stops it', () => {
    const { container } = render(
      <ExportProgressSection progress={PROGRESS} resuming={false} cancelling onCancel={vi.fn()} />,
    );
    expect(button(container, 'Cancelling…')?.disabled).toBe(true);
  });

  it('speaks Dutch', () => {
    useLocale('nl');
    const { container } = render(
      <ExportProgressSection progress={PROGRESS} resuming cancelling={false} onCancel={vi.fn()} />,
    );
    expect(container.querySelector('h3')?.textContent).toBe('Export wordt hervat…');
    expect(testId(container, 'progress-phase')).toBe('Cijfers worden geschreven');
    expect(button(container, 'Export annuleren')).toBeDefined();
  });
});

describe('ExportStart', () => {
  it('opens the preview', () => {
    const onPreview = vi.fn();
    const { container } = render(
      <ExportStart gradebookRead loading={false} unfinished={false} onPreview={onPreview} />,
    );
    click(button(container, 'Export grades'));
    expect(onPreview).toHaveBeenCalledOnce();
  });

  it('asks for the Grades page first, and says when an export was left unfinished', () => {
    const { container } = render(
      <ExportStart gradebookRead={false} loading={false} unfinished onPreview={vi.fn()} />,
    );
    expect(button(container, 'Export grades')?.disabled).toBe(true);
    expect(container.textContent).toContain("Open the class's Grades page");
    expect(testId(container, 'export-unfinished')).toContain('The last export did not finish');
  });

  it('announces the preview being prepared and errors', () => {
    const { container } = render(
      <ExportStart
        gradebookRead
        loading
        unfinished={false}
        error="No answer."
        onPreview={vi.fn()}
      />,
    );
    expect(container.querySelector('[aria-live]')?.textContent).toBe(
      'Reading the SIS and preparing the preview…No answer.',
    );
    expect(container.querySelector('[role=alert]')?.textContent).toBe('No answer.');
  });
});
