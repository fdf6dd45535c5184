/**
 * Name and course pools for the demo district. Accents and apostrophes are deliberate: they are
 * what breaks email matching, filter quoting (`O''Brien`) and CSV/UI code in real deployments.
 */

/** Always the first three students of the default teacher's first class. */
export const FIXED_STUDENTS = [
  { givenName: 'Zoë', familyName: 'Müller' },
  { givenName: 'José', familyName: 'Álvarez' },
  { givenName: 'Siobhán', familyName: "O'Brien" },
] as const;

/** Fixed so the printed teacher email is the same for every seed. */
export const DEFAULT_TEACHER = { givenName: 'Elena', familyName: 'Ramírez' } as const;

export const GIVEN_NAMES = [
  'Aaliyah',
  'Amir',
  'Björn',
  'Camila',
  'Chloé',
  'Dmitri',
  'Émile',
  'Fatima',
  'Grace',
  'Hiroshi',
  'Inés',
  'Jamal',
  'Kai',
  'Léa',
  'Liam',
  'Mateo',
  'Mei',
  'Noah',
  'Olivia',
  'Priya',
  'Rafael',
  'Sofía',
  'Thandiwe',
  'Uriel',
  'Valentina',
  'Wei',
  'Yusuf',
  'Zara',
];

export const FAMILY_NAMES = [
  'Anderson',
  'Bianchi',
  'Chen',
  "D'Angelo",
  'Dubois',
  'Fernández',
  'García',
  'Haddad',
  'Ivanova',
  'Johnson',
  'Kowalski',
  'Larsen',
  "N'Diaye",
  'Nakamura',
  'Nguyễn',
  "O'Connor",
  'Okafor',
  'Patel',
  'Quiñones',
  'Schröder',
  'Smith',
  'Søndergaard',
  'Thompson',
  'Williams',
];

export const TEACHER_NAMES = [
  { givenName: 'Marcus', familyName: 'Bell' },
  { givenName: 'Aoife', familyName: "O'Sullivan" },
  { givenName: 'François', familyName: 'Lefèvre' },
  { givenName: 'Deborah', familyName: 'Kim' },
  { givenName: 'Tomás', familyName: 'Núñez' },
  { givenName: 'Ruth', familyName: 'Adeyemi' },
];

export interface CourseSpec {
  title: string;
  code: string;
  subject: string;
  grade: string;
}

export const HIGH_SCHOOL_COURSES: CourseSpec[] = [
  { title: 'Algebra I', code: 'ALG1', subject: 'Mathematics', grade: '09' },
  { title: 'English 9', code: 'ENG9', subject: 'English Language Arts', grade: '09' },
  { title: 'Biology', code: 'BIO', subject: 'Science', grade: '10' },
  { title: 'World History', code: 'WHIST', subject: 'Social Studies', grade: '10' },
  { title: 'Español I', code: 'SPAN1', subject: 'World Languages', grade: '09' },
  { title: 'Chemistry', code: 'CHEM', subject: 'Science', grade: '11' },
  { title: 'Geometry', code: 'GEOM', subject: 'Mathematics', grade: '10' },
];

export const MIDDLE_SCHOOL_COURSES: CourseSpec[] = [
  { title: 'Math 7', code: 'MATH7', subject: 'Mathematics', grade: '07' },
  { title: 'Life Science', code: 'LSCI', subject: 'Science', grade: '07' },
  { title: 'Art & Design', code: 'ART', subject: 'Arts', grade: '08' },
];

export const CATEGORY_TITLES = ['Homework', 'Quizzes', 'Tests', 'Projects'];

/** Letters NFD cannot take apart. */
const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', ł: 'l' };

/** "Siobhán O'Brien" → "siobhan.obrien": what SIS email generators typically do. */
export function emailLocalPart(...parts: string[]): string {
  return parts
    .map((p) =>
      p
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[øæßł]/g, (c) => FOLD[c] ?? '')
        .replace(/[^a-z0-9]/g, ''),
    )
    .join('.');
}
