// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkedClass } from '@/components/panel/LinkedClass';
import type { ClassLinkView } from '@/lib/messaging/replies';
import { useLocale } from '../../support/fake-i18n';
import { render, testId } from '../../support/render';

const LINK: ClassLinkView = {
  sisClassId: 'class-1',
  title: 'Math 7',
  termTitles: ['Fall'],
  teacherEmail: 'teacher@school.org',
  linkedAt: '2026-01-01T00:00:00.000Z',
};
const CARRIED = {
  from: '1.1',
  to: '1.2',
  at: '2026-03-01T10:00:00.000Z',
  students: { byLegacyId: 2, byEmail: 25, lost: 1 },
  lineItems: 12,
};

const show = (link: ClassLinkView) =>
  render(<LinkedClass link={link} unlinking={false} canUnlink={true} onUnlink={vi.fn()} />)
    .container;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('LinkedClass', () => {
  it('says what was carried over after a switch of OneRoster version', () => {
    expect(testId(show({ ...LINK, carriedOver: CARRIED }), 'link-carried-over')).toBe(
      'Moved to OneRoster 1.2 (from 1.1). Manual student matches found again by their old SIS id: 2. Students matched by email: 25. Manual matches to pick again: 1. Assignments already in the SIS, updated rather than created again: 12.',
    );
  });

  it('shows no notice for a link made under the connection’s version', () => {
    const container = show(LINK);
    expect(container.querySelector('[data-testid=link-carried-over]')).toBeNull();
    expect(testId(container, 'linked-class-title')).toBe('Math 7 (Fall)');
  });

  it('speaks Dutch', () => {
    useLocale('nl');
    expect(testId(show({ ...LINK, carriedOver: CARRIED }), 'link-carried-over')).toContain(
      'Overgezet naar OneRoster 1.2 (van 1.1). Handmatige leerlingkoppelingen teruggevonden via hun oude SIS-id: 2.',
    );
  });
});
