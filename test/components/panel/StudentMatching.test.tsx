// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudentMatching, type StudentMatchingProps } from '@/components/panel/StudentMatching';
import { useLocale } from '../../support/fake-i18n';
import { change, labelled, render, testId } from '../../support/render';
import { NAMES, PREVIEW } from './fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

const options = (select: HTMLElement | null) =>
  [...(select?.querySelectorAll('option') ?? [])].map((o) => o.textContent);

/** The component with the fixture's students and no-op callbacks, unless given. */
const renderMatching = (props: Partial<StudentMatchingProps> = {}) =>
  render(
    <StudentMatching
      students={PREVIEW.students}
      names={NAMES}
      onMatch={vi.fn()}
      onAutomatic={vi.fn()}
      {...props}
    />,
  );

describe('StudentMatching', () => {
  it('counts the matched students and lists the unmatched, ambiguous, excluded and hand-picked ones', () => {
    const { container } = renderMatching();
    expect(testId(container, 'students-matched')).toBe('3 of 6 students matched to the SIS');
    const rows = [...container.querySelectorAll('[data-testid=student-row] label')].map(
      (l) => l.textContent,
    );
    expect(rows).toEqual([
      'Sam Lee several SIS students could be this student',
      'Sammy Visitor no SIS student with this email or name',
      'Guest Student marked as having no SIS record',
      'Noah C. matched by you',
    ]);
  });

  it('offers the likely candidates first, then “no SIS record” and the whole SIS class', () => {
    const { container } = renderMatching();
    const ambiguous = labelled(container, 'Sam Lee') as HTMLSelectElement;
    expect(options(ambiguous)).toEqual([
      'Choose the SIS student…',
      'No SIS record (do not export)',
      'Sam Lee (sam.lee@students.example)',
      'Sam Lee (sam.lee2@students.example)',
      'Zoë Müller (zoe.muller@students.example)',
      'José Álvarez',
      'Noah Chen',
    ]);
    expect(ambiguous.value).toBe(' '); // nothing chosen
    expect((labelled(container, 'Guest Student') as HTMLSelectElement).value).toBe('');
    expect((labelled(container, 'Noah C.') as HTMLSelectElement).value).toBe('sis-5');
  });

  it('reports the teacher’s pick: an SIS student, or none', () => {
    const onMatch = vi.fn();
    const { container } = renderMatching({ onMatch });
    change(labelled(container, 'Sam Lee'), 'sis-3a');
    expect(onMatch).toHaveBeenLastCalledWith('id:3', 'sis-3a');
    change(labelled(container, 'Sammy Visitor'), '');
    expect(onMatch).toHaveBeenLastCalledWith('id:4', null);
  });

  it('hands a pick of the teacher’s back to automatic matching, and offers that only for their picks', () => {
    const onMatch = vi.fn();
    const onAutomatic = vi.fn();
    const { container } = renderMatching({ onMatch, onAutomatic });
    const automatic = 'Match automatically (by email, then name)';
    expect(options(labelled(container, 'Noah C.'))).toContain(automatic); // picked by hand
    expect(options(labelled(container, 'Guest Student'))).toContain(automatic); // "no SIS record"
    expect(options(labelled(container, 'Sam Lee'))).not.toContain(automatic);
    expect(options(labelled(container, 'Sammy Visitor'))).not.toContain(automatic);
    change(labelled(container, 'Noah C.'), '  ');
    expect(onAutomatic).toHaveBeenCalledWith('id:5');
    expect(onMatch).not.toHaveBeenCalled();
  });

  it('names the SIS students nobody on the page was matched to (but not the candidates of an ambiguous one)', () => {
    const extra = Array.from({ length: 9 }, (_, i) => ({
      sourcedId: `sis-x${i}`,
      name: `Extra ${i}`,
    }));
    const noteWith = (sisStudents: typeof PREVIEW.students.sisStudents) =>
      testId(
        renderMatching({ students: { ...PREVIEW.students, sisStudents } }).container,
        'students-sis-only',
      );
    // Everyone is matched, or a candidate of the ambiguous Sam Lee.
    expect(noteWith(PREVIEW.students.sisStudents)).toBeUndefined();
    const one = [...PREVIEW.students.sisStudents, { sourcedId: 'sis-7', name: 'Lena Ortiz' }];
    expect(noteWith(one)).toBe(
      'SIS students not matched to anyone on this Grades page (1): Lena Ortiz. Nothing is exported for them; if they are in this class, check that the Grades page lists every student.',
    );
    expect(noteWith([...PREVIEW.students.sisStudents, ...extra])).toContain(
      '(9): Extra 0, Extra 1, Extra 2, Extra 3, Extra 4, Extra 5, Extra 6, Extra 7 and 1 more.',
    );
    useLocale('nl');
    expect(noteWith(one)).toContain(
      'SIS-leerlingen die aan niemand op deze pagina Cijfers gekoppeld zijn (1): Lena Ortiz.',
    );
  });

  it('disables the student being saved and shows a refusal', () => {
    const { container } = renderMatching({
      busyKey: 'id:4',
      error: 'That student is not in the linked SIS class.',
    });
    expect((labelled(container, 'Sammy Visitor') as HTMLSelectElement).disabled).toBe(true);
    expect(container.querySelector('[role=alert]')?.textContent).toBe(
      'That student is not in the linked SIS class.',
    );
  });

  it('has nothing to pick when everyone matched', () => {
    const students = {
      ...PREVIEW.students,
      matched: PREVIEW.students.matched.slice(0, 2),
      unmatched: [],
    };
    const { container } = renderMatching({ students });
    expect(testId(container, 'students-matched')).toBe('2 of 2 students matched to the SIS');
    expect(container.querySelector('select')).toBeNull();
  });

  it('speaks Dutch', () => {
    useLocale('nl');
    const { container } = renderMatching();
    expect(testId(container, 'students-matched')).toBe('3 van 6 leerlingen gekoppeld aan het SIS');
    expect(options(labelled(container, 'Sammy Visitor')).slice(0, 2)).toEqual([
      'Kies de SIS-leerling…',
      'Geen SIS-record (niet exporteren)',
    ]);
  });
});
