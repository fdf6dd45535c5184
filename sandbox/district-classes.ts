/**
 * Teachers, students, courses, classes and enrollments of the demo district. The default teacher
 * teaches in the high school: all her classes but the last are active, the last is tobedeleted
 * (what a dropped section looks like), so clients must honour `filter=status='active'`.
 */
import type { DistrictOptions, Sessions } from './district.ts';
import { DISTRICT_DOMAIN } from './district.ts';
import type { Course, DistrictData, Klass, Org, User } from './model.ts';
import { ref } from './model.ts';
import {
  type CourseSpec,
  DEFAULT_TEACHER,
  emailLocalPart,
  FAMILY_NAMES,
  FIXED_STUDENTS,
  GIVEN_NAMES,
  HIGH_SCHOOL_COURSES,
  MIDDLE_SCHOOL_COURSES,
  TEACHER_NAMES,
} from './names.ts';
import type { Prng } from './prng.ts';

interface Context extends Sessions {
  prng: Prng;
  stamp: () => string;
  schools: Org[];
  options: DistrictOptions;
}

const DEFAULT_TEACHER_CLASSES = 4;

export function addClassesAndPeople(data: DistrictData, ctx: Context): void {
  const { prng, stamp, schools, options } = ctx;
  const [high, middle] = schools as [Org, Org];
  const usedEmails = new Set<string>();
  const person = (
    name: { givenName: string; familyName: string },
    role: User['role'],
    school: Org,
    grade?: string,
  ): User => {
    const local = emailLocalPart(name.givenName, name.familyName);
    const isStudent = role === 'student';
    const base = isStudent
      ? local
      : `${local.split('.')[0]?.[0] ?? ''}${local.split('.').slice(1).join('')}`;
    const domain = isStudent ? `students.${DISTRICT_DOMAIN}` : DISTRICT_DOMAIN;
    let username = base;
    for (let n = 2; usedEmails.has(`${username}@${domain}`); n++) username = `${base}${n}`;
    const email = `${username}@${domain}`;
    usedEmails.add(email);
    const identifier = isStudent
      ? `S${String(100000 + data.users.size)}`
      : `T${1000 + data.users.size}`;
    const user: User = {
      sourcedId: prng.uuid(),
      status: 'active',
      dateLastModified: stamp(),
      username,
      userIds: [{ type: isStudent ? 'studentNumber' : 'staffId', identifier }],
      enabledUser: true,
      givenName: name.givenName,
      familyName: name.familyName,
      role,
      identifier,
      email,
      orgs: [ref('org', school.sourcedId)],
      grades: grade ? [grade] : [],
    };
    data.users.set(user.sourcedId, user);
    return user;
  };

  const classCount = Math.max(0, options.classes);
  const teacherCount = Math.max(2, Math.ceil((classCount - DEFAULT_TEACHER_CLASSES) / 2) + 1);
  const teachers = [person(DEFAULT_TEACHER, 'teacher', high)];
  for (let i = 1; i < teacherCount; i++) {
    const name = TEACHER_NAMES[(i - 1) % TEACHER_NAMES.length] as (typeof TEACHER_NAMES)[number];
    teachers.push(person(name, 'teacher', i % 3 === 2 ? middle : high));
  }
  data.defaultTeacherId = (teachers[0] as User).sourcedId;

  // 60 % of students in the high school; the three fixed names come first.
  const studentCount = Math.max(0, options.students);
  const highCount = Math.ceil(studentCount * 0.6);
  const students: Record<string, User[]> = { [high.sourcedId]: [], [middle.sourcedId]: [] };
  for (let i = 0; i < studentCount; i++) {
    const school = i < highCount ? high : middle;
    const name = FIXED_STUDENTS[i] ?? {
      givenName: prng.pick(GIVEN_NAMES),
      familyName: prng.pick(FAMILY_NAMES),
    };
    const grade = school === high ? prng.pick(['09', '10', '11']) : prng.pick(['07', '08']);
    students[school.sourcedId]?.push(person(name, 'student', school, grade));
  }

  const courses = new Map<string, Course>();
  const courseFor = (spec: CourseSpec, school: Org): Course => {
    const existing = courses.get(spec.code);
    if (existing) return existing;
    const course: Course = {
      sourcedId: prng.uuid(),
      status: 'active',
      dateLastModified: stamp(),
      title: spec.title,
      courseCode: spec.code,
      grades: [spec.grade],
      subjects: [spec.subject],
      org: ref('org', school.sourcedId),
      schoolYear: ref('academicSession', ctx.year.sourcedId),
    };
    courses.set(spec.code, course);
    data.courses.set(course.sourcedId, course);
    return course;
  };

  const [fall, spring] = ctx.terms as [typeof ctx.year, typeof ctx.year];
  const defaultClasses = Math.min(classCount, DEFAULT_TEACHER_CLASSES);
  for (let i = 0; i < classCount; i++) {
    const ownedByDefault = i < defaultClasses;
    const teacher = ownedByDefault
      ? (teachers[0] as User)
      : (teachers[1 + ((i - defaultClasses) % (teachers.length - 1))] as User);
    const school = ownedByDefault
      ? high
      : teacher.orgs[0]?.sourcedId === middle.sourcedId
        ? middle
        : high;
    const catalog = school === high ? HIGH_SCHOOL_COURSES : MIDDLE_SCHOOL_COURSES;
    const spec = catalog[i % catalog.length] as CourseSpec;
    const period = (i % 7) + 1;
    const fullYear = i % 3 !== 1;
    const terms = fullYear ? [fall, spring] : [fall];
    const inactive =
      (ownedByDefault && defaultClasses > 1 && i === defaultClasses - 1) ||
      (!ownedByDefault && i % 6 === 5);
    const klass: Klass = {
      sourcedId: prng.uuid(),
      status: inactive ? 'tobedeleted' : 'active',
      dateLastModified: stamp(),
      title: `${spec.title} - Period ${period}`,
      classCode: `${spec.code}-P${period}-${i + 1}`,
      classType: 'scheduled',
      location: `Room ${100 + prng.int(1, 60)}`,
      grades: [spec.grade],
      subjects: [spec.subject],
      course: ref('course', courseFor(spec, school).sourcedId),
      school: ref('org', school.sourcedId),
      terms: terms.map((t) => ref('term', t.sourcedId)),
      periods: String(period),
    };
    data.classes.set(klass.sourcedId, klass);
    const endDate = (terms[terms.length - 1] as typeof fall).endDate;
    const enroll = (user: User, primary: boolean) => {
      const e = {
        sourcedId: prng.uuid(),
        status: 'active' as const,
        dateLastModified: stamp(),
        user: ref(user.role, user.sourcedId),
        class: ref('class', klass.sourcedId),
        school: ref('org', school.sourcedId),
        role: user.role,
        primary,
        beginDate: fall.startDate,
        endDate,
      };
      data.enrollments.set(e.sourcedId, e);
    };
    enroll(teacher, true);
    const pool = students[school.sourcedId] ?? [];
    // The first class keeps the fixed accented/apostrophe names at the top of its roster.
    const fixed = i === 0 ? pool.slice(0, FIXED_STUDENTS.length) : [];
    const rest = prng.shuffle(pool.filter((s) => !fixed.includes(s)));
    // Draw the seeded size even when it is overridden, so the rest of the district stays the same.
    const drawn = prng.int(18, 28);
    const size = Math.min(pool.length, options.classSize ?? drawn);
    for (const s of [...fixed, ...rest].slice(0, size)) enroll(s, false);
  }
}
