// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ClassSearch, LinkClass, type LinkClassProps } from '@/components/panel/LinkClass';
import { LinkedClass } from '@/components/panel/LinkedClass';
import { useLocale } from '../../support/fake-i18n';
import { button, change, click, labelled, render, testId } from '../../support/render';

const CLASSES = [
  {
    sourcedId: 'c-bio',
    title: 'Biology - Period 3',
    classCode: 'BIO-P3-1',
    termTitles: ['Fall 2026', 'Spring 2027'],
  },
  {
    sourcedId: 'c-chem',
    title: 'Chemistry - Period 5',
    classCode: 'CHEM-P5-2',
    termTitles: ['Fall 2026'],
  },
  {
    sourcedId: 'c-eco',
    title: 'Écologie - Période 1',
    classCode: 'ECO-P1-3',
    termTitles: ['Spring 2027'],
  },
];
const FOUND: ClassSearch = { state: 'found', teacherName: 'Elena Ramírez', classes: CLASSES };

function props(overrides: Partial<LinkClassProps> = {}): LinkClassProps {
  return {
    accountEmail: 'eramirez@riverside.example',
    overrideAllowed: true,
    search: { state: 'idle' },
    linking: false,
    onFind: vi.fn(),
    onLink: vi.fn(),
    ...overrides,
  };
}
afterEach(() => {
  document.body.innerHTML = '';
});

describe('LinkClass', () => {
  it('starts from the page’s account email and finds classes by the email the teacher corrected', () => {
    const onFind = vi.fn();
    const { container } = render(<LinkClass {...props({ onFind })} />);
    const email = labelled(container, 'Your email address in the SIS') as HTMLInputElement;
    expect(email.value).toBe('eramirez@riverside.example');
    expect(email.type).toBe('email');
    expect(email.getAttribute('aria-describedby')).toBeTruthy();
    change(email, ' e.ramirez@riverside.example ');
    click(button(container, 'Find my classes'));
    expect(onFind).toHaveBeenCalledWith('e.ramirez@riverside.example');
  });

  it('keeps the signed-in account’s email, read-only, unless the admin allows another SIS teacher', () => {
    const onFind = vi.fn();
    const { container } = render(<LinkClass {...props({ onFind, overrideAllowed: false })} />);
    const email = labelled(container, 'Your email address in the SIS') as HTMLInputElement;
    expect(email.readOnly).toBe(true);
    change(email, 'someone.else@riverside.example');
    expect(email.value).toBe('eramirez@riverside.example');
    expect(container.textContent).toContain('Your school lets you link only your own SIS classes');
    click(button(container, 'Find my classes'));
    expect(onFind).toHaveBeenCalledWith('eramirez@riverside.example');
  });

  it('says so, and finds nothing, when the page does not show the signed-in account', () => {
    const onFind = vi.fn();
    const { container } = render(
      <LinkClass {...props({ onFind, overrideAllowed: false, accountEmail: '' })} />,
    );
    expect(testId(container, 'link-error')).toContain(
      'could not read which Google account is signed in',
    );
    expect(button(container, 'Find my classes')?.disabled).toBe(true);
  });

  it('announces the search and shows the background’s error in an alert', () => {
    const { container, root } = render(
      <LinkClass {...props({ search: { state: 'searching' } })} />,
    );
    expect(testId(container, 'link-status')).toBe('Looking up your classes in the SIS…');
    expect(button(container, 'Find my classes')?.disabled).toBe(true);
    const message = 'No teacher with the email x@y.example was found in the SIS.';
    act(() => root.render(<LinkClass {...props({ search: { state: 'error', message } })} />));
    expect(container.querySelector('[aria-live] [role=alert]')?.textContent).toBe(message);
  });

  it('lists the classes, narrows them by title, code or term as the teacher types, and links the pick', () => {
    const onLink = vi.fn();
    const { container } = render(<LinkClass {...props({ search: FOUND, onLink })} />);
    expect(container.textContent).toContain('Active classes of Elena Ramírez in the SIS: 3');
    const radios = () => [...container.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios()).toHaveLength(3);
    expect(button(container, 'Link class')?.disabled).toBe(true); // nothing picked yet

    const search = labelled(container, 'Search your classes');
    change(search, 'chem-p5');
    expect(radios().map((r) => r.value)).toEqual(['c-chem']);
    expect(testId(container, 'class-filter-count')).toBe('1 of 3 classes shown');
    change(search, 'spring');
    expect(radios().map((r) => r.value)).toEqual(['c-bio', 'c-eco']);
    change(search, 'ecologie'); // accents do not matter
    expect(radios().map((r) => r.value)).toEqual(['c-eco']);
    change(search, 'history');
    expect(testId(container, 'class-filter-count')).toBe('No class matches “history”.');

    change(search, '');
    click(radios()[0] ?? null);
    click(button(container, 'Link class'));
    expect(onLink).toHaveBeenCalledWith('c-bio');
  });

  it('shows why linking failed', () => {
    const { container } = render(
      <LinkClass {...props({ search: FOUND, linkError: 'That SIS class is not one of yours.' })} />,
    );
    expect(testId(container, 'link-error')).toBe('That SIS class is not one of yours.');
  });

  it('speaks Dutch', () => {
    useLocale('nl');
    const { container } = render(<LinkClass {...props({ search: FOUND })} />);
    expect(container.querySelector('h3')?.textContent).toBe('SIS-klas koppelen');
    expect(button(container, 'Mijn klassen zoeken')).toBeDefined();
    expect(button(container, 'Klas koppelen')).toBeDefined();
    expect(labelled(container, 'Je e-mailadres in het SIS')).not.toBeNull();
  });
});

describe('LinkedClass', () => {
  const link = {
    sisClassId: 'c-bio',
    title: 'Biology - Period 3',
    classCode: 'BIO-P3-1',
    termTitles: ['Fall 2026', 'Spring 2027'],
    teacherEmail: 'eramirez@riverside.example',
    linkedAt: '2026-03-01T08:00:00.000Z',
  };

  it('names the SIS class with its code and terms, and unlinks only after confirming', () => {
    const onUnlink = vi.fn();
    const { container } = render(
      <LinkedClass link={link} unlinking={false} canUnlink onUnlink={onUnlink} />,
    );
    expect(testId(container, 'linked-class')).toContain(
      'Linked to Biology - Period 3 (BIO-P3-1, Fall 2026, Spring 2027)',
    );
    click(button(container, 'Unlink'));
    expect(onUnlink).not.toHaveBeenCalled();
    expect(container.textContent).toContain('export history and everything already sent');
    click(button(container, 'Keep the link'));
    expect(button(container, 'Yes, unlink')).toBeUndefined();
    click(button(container, 'Unlink'));
    click(button(container, 'Yes, unlink'));
    expect(onUnlink).toHaveBeenCalledOnce();
  });

  it('cannot unlink while an export runs', () => {
    const { container } = render(
      <LinkedClass
        link={{ ...link, classCode: undefined }}
        unlinking={false}
        canUnlink={false}
        onUnlink={vi.fn()}
      />,
    );
    expect(testId(container, 'linked-class-title')).toBe(
      'Biology - Period 3 (Fall 2026, Spring 2027)',
    );
    expect(button(container, 'Unlink')?.disabled).toBe(true);
  });
});
