/**
 * OneRoster 1.1 entity shapes as the sandbox stores them (research §G). GUIDRefs are stored
 * without `href`: the href depends on the port the server got, so it is added when a response is
 * written (see present.ts). That keeps the stored district a pure function of the seed.
 */

export type Status = 'active' | 'tobedeleted';

export type RefType =
  | 'academicSession'
  | 'category'
  | 'class'
  | 'course'
  | 'enrollment'
  | 'lineItem'
  | 'org'
  | 'result'
  | 'student'
  | 'teacher'
  | 'user'
  | 'term'
  | 'gradingPeriod';

export interface Ref {
  sourcedId: string;
  type: RefType;
}

export interface Base {
  sourcedId: string;
  status: Status;
  dateLastModified: string;
  metadata?: Record<string, unknown>;
}

export interface Org extends Base {
  name: string;
  type: 'district' | 'school';
  identifier: string;
  parent?: Ref;
  children?: Ref[];
}

export interface AcademicSession extends Base {
  title: string;
  startDate: string;
  endDate: string;
  type: 'schoolYear' | 'term' | 'gradingPeriod' | 'semester';
  parent?: Ref;
  children?: Ref[];
  schoolYear: string;
}

export interface Course extends Base {
  title: string;
  courseCode: string;
  grades: string[];
  subjects: string[];
  org: Ref;
  schoolYear: Ref;
}

export interface Klass extends Base {
  title: string;
  classCode: string;
  classType: 'homeroom' | 'scheduled';
  location: string;
  grades: string[];
  subjects: string[];
  course: Ref;
  school: Ref;
  terms: Ref[];
  periods: string;
}

export interface User extends Base {
  username: string;
  userIds: Array<{ type: string; identifier: string }>;
  enabledUser: boolean;
  givenName: string;
  familyName: string;
  middleName?: string;
  role: 'student' | 'teacher';
  identifier: string;
  email: string;
  orgs: Ref[];
  grades: string[];
}

export interface Enrollment extends Base {
  user: Ref;
  class: Ref;
  school: Ref;
  role: 'student' | 'teacher';
  primary: boolean;
  beginDate: string;
  endDate: string;
}

export interface Category extends Base {
  title: string;
}

export interface LineItem extends Base {
  title: string;
  description?: string;
  assignDate: string;
  dueDate?: string;
  class: Ref;
  /** 1.2 only (required there); 1.1 reads never show it. */
  school?: Ref;
  category?: Ref;
  gradingPeriod?: Ref;
  /** 1.2 only. */
  academicSession?: Ref;
  /** 1.1 requires it; 1.2 made it optional. */
  resultValueMin?: number;
  resultValueMax?: number;
}

/** 1.2's result flags are the strings "true"/"false", not booleans. */
export type Flag = 'true' | 'false';

export interface Result extends Base {
  lineItem: Ref;
  student: Ref;
  /** The five 1.1 values, or a 1.2 `ext:…` extension. */
  scoreStatus: string;
  /** Required in 1.1, optional in 1.2 (submitted but ungraded). */
  score?: number;
  scoreDate: string;
  comment?: string;
  // 1.2 only; 1.1 reads never show them.
  class?: Ref;
  textScore?: string;
  inProgress?: Flag;
  incomplete?: Flag;
  late?: Flag;
  missing?: Flag;
}

/** The whole in-memory SIS. Maps keep insertion order, so listings are stable. */
export interface DistrictData {
  orgs: Map<string, Org>;
  academicSessions: Map<string, AcademicSession>;
  courses: Map<string, Course>;
  classes: Map<string, Klass>;
  users: Map<string, User>;
  enrollments: Map<string, Enrollment>;
  categories: Map<string, Category>;
  lineItems: Map<string, LineItem>;
  results: Map<string, Result>;
  /** The teacher whose email the CLI prints: several active classes and one tobedeleted. */
  defaultTeacherId: string;
}

export const ref = (type: RefType, sourcedId: string): Ref => ({ sourcedId, type });
