/**
 * Field names per collection, used to reject unknown `filter`, `sort` and `fields` names with 400
 * the way a real SIS does (instead of silently matching nothing). Names follow the 1.1 OpenAPI.
 */

const BASE = ['sourcedId', 'status', 'dateLastModified', 'metadata'];

export type Collection =
  | 'orgs'
  | 'academicSessions'
  | 'courses'
  | 'classes'
  | 'users'
  | 'enrollments'
  | 'categories'
  | 'lineItems'
  | 'results'
  | 'scoreScales';

const SPECIFIC: Record<Collection, string[]> = {
  orgs: ['name', 'type', 'identifier', 'parent', 'children'],
  academicSessions: ['title', 'startDate', 'endDate', 'type', 'parent', 'children', 'schoolYear'],
  courses: ['title', 'courseCode', 'grades', 'subjects', 'org', 'schoolYear', 'subjectCodes'],
  classes: [
    'title',
    'classCode',
    'classType',
    'location',
    'grades',
    'subjects',
    'course',
    'school',
    'terms',
    'subjectCodes',
    'periods',
  ],
  users: [
    'username',
    'userIds',
    'enabledUser',
    'givenName',
    'familyName',
    'middleName',
    'role',
    'identifier',
    'email',
    'sms',
    'phone',
    'agents',
    'orgs',
    'grades',
  ],
  enrollments: ['user', 'class', 'school', 'role', 'primary', 'beginDate', 'endDate'],
  categories: ['title'],
  lineItems: [
    'title',
    'description',
    'assignDate',
    'dueDate',
    'class',
    'category',
    'gradingPeriod',
    'resultValueMin',
    'resultValueMax',
  ],
  results: ['lineItem', 'student', 'scoreStatus', 'score', 'scoreDate', 'comment'],
  scoreScales: [],
};

/** 1.2 names (rostering and gradebook OpenAPI): users trade role/orgs for roles[]. */
const SPECIFIC_V1P2: Record<Collection, string[]> = {
  ...SPECIFIC,
  classes: [...SPECIFIC.classes, 'resources'],
  courses: [...SPECIFIC.courses, 'resources'],
  users: [
    ...SPECIFIC.users.filter((f) => f !== 'role' && f !== 'orgs'),
    'userMasterIdentifier',
    'preferredFirstName',
    'preferredMiddleName',
    'preferredLastName',
    'pronouns',
    'roles',
    'userProfiles',
    'primaryOrg',
    'resources',
  ],
  categories: ['title', 'weight'],
  lineItems: [
    ...SPECIFIC.lineItems,
    'school',
    'academicSession',
    'scoreScale',
    'learningObjectiveSet',
  ],
  results: [
    ...SPECIFIC.results,
    'class',
    'scoreScale',
    'textScore',
    'learningObjectiveSet',
    'inProgress',
    'incomplete',
    'late',
    'missing',
  ],
  scoreScales: ['title', 'type', 'class', 'course', 'scoreScaleValue'],
};

const withBase = (specific: Record<Collection, string[]>) =>
  Object.fromEntries(
    Object.entries(specific).map(([name, fields]) => [name, new Set([...BASE, ...fields])]),
  ) as unknown as Record<Collection, ReadonlySet<string>>;

export const FIELDS = withBase(SPECIFIC);
export const FIELDS_V1P2 = withBase(SPECIFIC_V1P2);

/**
 * Singleton wrapper keys: {"user":{}}, {"class":{}}, ... Collection responses use the collection
 * name itself (teachers and students are "users", schools "orgs", terms "academicSessions").
 */
export const SINGLE: Record<Collection, string> = {
  orgs: 'org',
  academicSessions: 'academicSession',
  courses: 'course',
  classes: 'class',
  users: 'user',
  enrollments: 'enrollment',
  categories: 'category',
  lineItems: 'lineItem',
  results: 'result',
  scoreScales: 'scoreScale',
};
