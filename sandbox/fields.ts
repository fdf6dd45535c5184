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
  | 'results';

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
};

export const FIELDS: Record<Collection, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(SPECIFIC).map(([name, fields]) => [name, new Set([...BASE, ...fields])]),
) as unknown as Record<Collection, ReadonlySet<string>>;

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
};
