/**
 * OAuth scopes the fake knows, and which of them each Classroom call accepts (the "Authorization
 * scopes" section of each method's REST reference page, developers.google.com/classroom/reference/rest).
 */
const P = 'https://www.googleapis.com/auth/';

export const SCOPES = {
  coursesReadonly: `${P}classroom.courses.readonly`,
  courses: `${P}classroom.courses`,
  rostersReadonly: `${P}classroom.rosters.readonly`,
  rosters: `${P}classroom.rosters`,
  profileEmails: `${P}classroom.profile.emails`,
  profilePhotos: `${P}classroom.profile.photos`,
  courseworkStudentsReadonly: `${P}classroom.coursework.students.readonly`,
  courseworkStudents: `${P}classroom.coursework.students`,
  courseworkMeReadonly: `${P}classroom.coursework.me.readonly`,
  courseworkMe: `${P}classroom.coursework.me`,
} as const;

/** The four read-only scopes the product asks for (classroom-evidence.md §2.3). */
export const READ_ONLY_SCOPES: readonly string[] = [
  SCOPES.coursesReadonly,
  SCOPES.rostersReadonly,
  SCOPES.profileEmails,
  SCOPES.courseworkStudentsReadonly,
];

/** OpenID scopes Google also accepts in the same request (short and long forms). */
const OPENID = ['openid', 'email', 'profile', `${P}userinfo.email`, `${P}userinfo.profile`];

export const KNOWN_SCOPES: ReadonlySet<string> = new Set([...Object.values(SCOPES), ...OPENID]);

/** Any one of these lets the call through; none → 403 insufficient scopes. */
export const CALL_SCOPES = {
  courseGet: [SCOPES.courses, SCOPES.coursesReadonly],
  gradingPeriodSettings: [SCOPES.courses, SCOPES.coursesReadonly],
  studentsList: [
    SCOPES.rosters,
    SCOPES.rostersReadonly,
    SCOPES.profileEmails,
    SCOPES.profilePhotos,
  ],
  userProfileGet: [
    SCOPES.rosters,
    SCOPES.rostersReadonly,
    SCOPES.profileEmails,
    SCOPES.profilePhotos,
  ],
  courseWorkList: [
    SCOPES.courseworkStudents,
    SCOPES.courseworkStudentsReadonly,
    SCOPES.courseworkMe,
    SCOPES.courseworkMeReadonly,
  ],
  submissionsList: [
    SCOPES.courseworkStudents,
    SCOPES.courseworkStudentsReadonly,
    SCOPES.courseworkMe,
    SCOPES.courseworkMeReadonly,
  ],
} as const satisfies Record<string, readonly string[]>;

export type CallName = keyof typeof CALL_SCOPES;
