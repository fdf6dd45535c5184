// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthorizeOutcome } from '@/components/options/AuthorizeOutcome';
import { DisconnectDialog } from '@/components/options/DisconnectDialog';
import { useLocale } from '../../support/fake-i18n';
import { fieldByLabel, render } from '../../support/render';

afterEach(() => {
  document.body.innerHTML = '';
});

const button = (container: HTMLElement, name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name);

describe('DisconnectDialog', () => {
  it.each([
    [false, 'keeps the grades unless asked'],
    [true, 'deletes the grades when ticked'],
  ])('offers to delete the grades kept here (%s: %s) and says what is kept', (tick) => {
    const onConfirm = vi.fn();
    const { container } = render(
      <DisconnectDialog open busy={false} onCancel={vi.fn()} onConfirm={onConfirm} />,
    );
    const text = container.textContent ?? '';
    expect(text).toContain('Exports running now stop at once');
    expect(text).toContain('Kept either way: the class links and student matches');
    expect(text).toContain('without grades');
    const box = fieldByLabel(
      container,
      'Also delete the grades kept in this browser',
    ) as HTMLInputElement;
    expect(box.checked).toBe(false);
    if (tick) act(() => box.click());
    act(() => button(container, 'Disconnect')?.click());
    expect(onConfirm).toHaveBeenCalledWith({ deleteGradeData: tick });
  });

  it('says it in Dutch too', () => {
    useLocale('nl');
    const { container } = render(
      <DisconnectDialog open busy={false} onCancel={vi.fn()} onConfirm={vi.fn()} />,
    );
    expect(
      fieldByLabel(container, 'Ook de cijfers verwijderen die in deze browser zijn bewaard'),
    ).not.toBeNull();
    expect(container.textContent).toContain('Hoe je ook kiest, dit blijft bewaard');
  });
});

describe('AuthorizeOutcome after Disconnect', () => {
  it('says when the grades kept here were deleted too', () => {
    const deleted = render(
      <AuthorizeOutcome
        outcome={{ kind: 'disconnected', hostAccessRevoked: true, gradeDataDeleted: true }}
      />,
    );
    expect(deleted.container.textContent).toContain('The grades kept in this browser are deleted');
    document.body.innerHTML = '';
    const kept = render(
      <AuthorizeOutcome
        outcome={{ kind: 'disconnected', hostAccessRevoked: true, gradeDataDeleted: false }}
      />,
    );
    expect(kept.container.textContent).not.toContain('deleted too');
  });
});
