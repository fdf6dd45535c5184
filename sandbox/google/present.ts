/**
 * Fake records → Classroom API v1 JSON (developers.google.com/classroom/reference/rest/v1). Like
 * Google's proto3 JSON, unset fields are left out rather than sent as null, `late` appears only
 * when true, and zero parts of a TimeOfDay are omitted (23:00 is `{"hours":23}`).
 */
import { createHash } from 'node:crypto';
import type {
  FakeCourse,
  FakeCourseWork,
  FakeGradeCategory,
  FakeStudent,
  FakeSubmission,
} from './model.ts';

const b64 = (id: string) => Buffer.from(id).toString('base64').replace(/=+$/, '');
const CLASSROOM = 'https://classroom.google.com';

/** A stable numeric user id for an email the fake has no record of (other teachers). */
export const userIdForEmail = (email: string) =>
  String(
    BigInt(`0x${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 13)}`),
  );

function splitName(s: { name: string; givenName?: string; familyName?: string }) {
  const space = s.name.indexOf(' ');
  return {
    givenName: s.givenName ?? (space < 0 ? s.name : s.name.slice(0, space)),
    familyName: s.familyName ?? (space < 0 ? '' : s.name.slice(space + 1)),
    fullName: s.name,
  };
}

export function presentCourse(course: FakeCourse, ownerId: string) {
  return {
    id: course.id,
    name: course.name,
    ...(course.section && { section: course.section }),
    ownerId,
    creationTime: course.creationTime,
    updateTime: course.updateTime,
    enrollmentCode: `k${course.id.slice(-6)}`,
    courseState: course.courseState,
    alternateLink: `${CLASSROOM}/c/${b64(course.id)}`,
    teacherGroupEmail: `class_${course.id}_teachers@classroom.example.org`,
    courseGroupEmail: `class_${course.id}@classroom.example.org`,
    calendarId: `classroom${course.id}@group.calendar.google.com`,
    gradebookSettings: {
      calculationType: course.calculationType,
      displaySetting: 'SHOW_OVERALL_GRADE',
      ...(course.gradeCategories.length > 0 && {
        gradeCategories: course.gradeCategories.map(presentCategory),
      }),
    },
  };
}

function presentCategory(c: FakeGradeCategory) {
  return {
    id: c.id,
    name: c.name,
    ...(c.weight !== undefined && { weight: c.weight }),
    ...(c.defaultGradeDenominator !== undefined && {
      defaultGradeDenominator: c.defaultGradeDenominator,
    }),
  };
}

export function presentStudent(courseId: string, s: FakeStudent, withEmail: boolean) {
  return {
    courseId,
    userId: s.userId,
    profile: {
      id: s.userId,
      name: splitName(s),
      ...(withEmail && { emailAddress: s.email }),
    },
  };
}

function timeOfDay(t: { hours?: number; minutes?: number }) {
  return {
    ...(t.hours ? { hours: t.hours } : {}),
    ...(t.minutes ? { minutes: t.minutes } : {}),
  };
}

export function presentCourseWork(course: FakeCourse, cw: FakeCourseWork, creatorUserId: string) {
  const category = course.gradeCategories.find((c) => c.id === cw.gradeCategoryId);
  return {
    courseId: course.id,
    id: cw.id,
    title: cw.title,
    ...(cw.description && { description: cw.description }),
    state: cw.state,
    alternateLink: `${CLASSROOM}/c/${b64(course.id)}/a/${b64(cw.id)}/details`,
    creationTime: cw.creationTime,
    updateTime: cw.updateTime,
    ...(cw.dueDate && { dueDate: cw.dueDate }),
    ...(cw.dueDate && cw.dueTime && { dueTime: timeOfDay(cw.dueTime) }),
    ...(cw.scheduledTime && { scheduledTime: cw.scheduledTime }),
    ...(cw.maxPoints !== undefined && { maxPoints: cw.maxPoints }),
    workType: cw.workType,
    ...(cw.assigneeUserIds
      ? {
          assigneeMode: 'INDIVIDUAL_STUDENTS',
          individualStudentsOptions: { studentIds: cw.assigneeUserIds },
        }
      : { assigneeMode: 'ALL_STUDENTS' }),
    submissionModificationMode: 'MODIFIABLE_UNTIL_TURNED_IN',
    creatorUserId,
    ...(category && { gradeCategory: presentCategory(category) }),
    ...(cw.gradingPeriodId && { gradingPeriodId: cw.gradingPeriodId }),
  };
}

export function presentSubmission(course: FakeCourse, s: FakeSubmission, workType: string) {
  return {
    courseId: course.id,
    courseWorkId: s.courseWorkId,
    id: s.id,
    userId: s.userId,
    creationTime: s.creationTime,
    updateTime: s.updateTime,
    state: s.state,
    ...(s.late && { late: true }),
    ...(s.draftGrade !== undefined && { draftGrade: s.draftGrade }),
    ...(s.assignedGrade !== undefined && { assignedGrade: s.assignedGrade }),
    alternateLink: `${CLASSROOM}/c/${b64(course.id)}/a/${b64(s.courseWorkId)}/submissions/by-status/and-sort-last-name/student/${b64(s.userId)}`,
    courseWorkType: workType,
    assignmentSubmission: {},
    submissionHistory: [
      { stateHistory: { state: 'CREATED', stateTimestamp: s.creationTime, actorUserId: s.userId } },
    ],
  };
}

export function presentProfile(
  account: { id: string; name: string; email: string },
  withEmail: boolean,
) {
  return {
    id: account.id,
    name: splitName(account),
    ...(withEmail && { emailAddress: account.email }),
    permissions: [{ permission: 'CREATE_COURSE' }],
    verifiedTeacher: true,
  };
}
