/**
 * What the hand-built fixtures hold, written out independently of the readers. The English and
 * Dutch Grades pages show the same class in two languages, so one state table serves both: the
 * Dutch vocabulary must read exactly as the English does.
 */
import type { Grade, Student } from '@/lib/classroom/model';
import { COURSEWORK_IDS } from './expected-coursework';

/** Rows of the Grades pages, in page order (sorted by last name). */
export const STUDENT_ROWS: Array<Omit<Student, 'email'> & { email?: string }> = [
  { key: 'id:108234567801', name: 'Liam Chen', email: 'liam.chen@students.school.example' },
  {
    key: 'id:108234567802',
    name: 'Maxime Dubois-Lefèvre',
    email: 'maxime.dubois-lefevre@students.school.example',
  },
  { key: 'id:108234567803', name: 'Sam Lee', email: 'sam.lee@students.school.example' },
  // Same name, other student; the 11-digit id uses Classroom's trailing-Z form in its link.
  { key: 'id:11159097167', name: 'Sam Lee', email: 'sam.lee2@students.school.example' },
  { key: 'id:108234567805', name: 'Zoë Müller', email: 'zoe.muller@students.school.example' },
  {
    key: 'id:108234567806',
    name: "Siobhán O'Brien",
    email: 'siobhan.obrien@students.school.example',
  },
  {
    key: 'id:108234567807',
    name: 'Ana-Sofía Pérez',
    email: 'ana-sofia.perez@students.school.example',
  },
  { key: 'id:108234567808', name: 'Noah Williams' }, // the People page shows no email for him
];

/**
 * Cell states, one line per coursework column (same order), one entry per student row:
 * "<state> [score] [draft] [late]".
 */
const CELLS = [
  [
    'returned 92',
    'draft 78 draft',
    'missing 0 draft',
    'excused',
    'returned 88.5',
    'turned-in',
    'turned-in late',
    'assigned',
  ],
  [
    'returned 18',
    'returned 20',
    'missing',
    'returned 15 late',
    'returned 17.5',
    'returned 19',
    'excused',
    'empty',
  ],
  [
    'turned-in',
    'assigned',
    'turned-in late',
    'turned-in',
    'turned-in',
    'missing',
    'assigned',
    'turned-in',
  ],
  [
    'returned 9',
    'returned 7',
    'returned 6',
    'returned 8',
    'returned 10',
    'returned 9.25',
    'draft 5 draft',
    'unreadable',
  ],
  [
    'returned 8',
    'returned 8.75',
    'missing',
    'returned 7',
    'returned 9',
    'returned 10',
    'returned 6.5',
    'assigned',
  ],
  [
    'returned 45',
    'returned 50',
    'draft 41 draft',
    'returned 38',
    'returned 47',
    'returned 44',
    'turned-in',
    'assigned',
  ],
  [
    'returned 12',
    'returned 10',
    'assigned',
    'returned 11.5',
    'assigned',
    'returned 12',
    'assigned',
    'assigned',
  ],
  [
    'turned-in',
    'turned-in',
    'assigned',
    'turned-in',
    'turned-in late',
    'turned-in',
    'empty',
    'assigned',
  ],
];

/** The expected grades without `raw`, row by row as the reader walks the grid. */
export function expectedGrades(): Array<Omit<Grade, 'raw'>> {
  return STUDENT_ROWS.flatMap((student, row) =>
    Object.values(COURSEWORK_IDS).map(({ id }, column) => {
      const [state = '', ...rest] = (CELLS[column]?.[row] ?? '').split(' ');
      const score = rest.find((word) => /^\d/.test(word));
      return {
        courseworkId: id,
        studentKey: student.key,
        state: state as Grade['state'],
        ...(score ? { score: Number(score) } : {}),
        draft: rest.includes('draft'),
        late: rest.includes('late'),
      };
    }),
  );
}
