/** OneRoster 1.1 entities shaped like real vendor answers (names and emails are made up). */

export const teacher = {
  sourcedId: 'TCH_1001',
  status: 'active',
  dateLastModified: '2024-08-20T10:00:00.000Z',
  username: 'tone',
  givenName: 'Tess',
  familyName: 'One',
  role: 'teacher',
  email: 't.one@school.org',
  enabledUser: 'true',
  orgs: [{ href: '~/ims/oneroster/v1p1/orgs/894', sourcedId: '894', type: 'org' }],
};

export const student = (n: number) => ({
  sourcedId: `STU_${n}`,
  status: 'active',
  dateLastModified: '2024-08-20T10:00:00.000Z',
  username: `s${n}`,
  givenName: `Student${n}`,
  familyName: 'Example',
  role: 'student',
  email: `s${n}@school.org`,
  enabledUser: true,
  orgs: [{ sourcedId: '894' }],
  identifier: null,
});

export const klass = {
  sourcedId: 'CLS_42',
  status: 'active',
  dateLastModified: '2024-08-20T10:00:00.000Z',
  title: 'Biology 1 - Period 3',
  classCode: 'BIO1-3',
  classType: 'scheduled',
  course: { href: '~/ims/oneroster/v1p1/courses/7', sourcedId: '7', type: 'course' },
  school: { href: '~/ims/oneroster/v1p1/orgs/894', sourcedId: '894', type: 'org' },
  terms: [{ href: '~/ims/oneroster/v1p1/academicSessions/T1', sourcedId: 'T1', type: 'term' }],
  periods: ['3'],
};

export const gradingPeriod = {
  sourcedId: 'GP1',
  status: 'active',
  dateLastModified: '2024-08-20T10:00:00.000Z',
  title: 'Quarter 1',
  type: 'gradingPeriod',
  startDate: '2024-08-26',
  endDate: '2024-10-31',
  parent: { sourcedId: 'T1', type: 'term', href: '~/ims/oneroster/v1p1/terms/T1' },
  schoolYear: 2025,
};

export const category = (id: string, classId?: string) => ({
  sourcedId: id,
  status: 'active',
  dateLastModified: '2024-08-20T10:00:00.000Z',
  title: `Category ${id}`,
  metadata: classId ? { classId } : null,
});

export const lineItem = {
  sourcedId: 'gc-li-1',
  status: 'active',
  dateLastModified: '2024-09-01T12:00:00.000Z',
  title: 'Photosynthesis lab',
  description: '',
  assignDate: '2024-09-01T00:00:00.000Z',
  dueDate: '2024-09-08T23:59:00.000Z',
  class: { sourcedId: 'CLS_42' },
  category: { sourcedId: 'CAT1', href: '~/ims/oneroster/v1p1/categories/CAT1', type: 'category' },
  resultValueMin: 0,
  resultValueMax: 100,
};

export const result = {
  sourcedId: 'gc-r-1',
  status: 'active',
  dateLastModified: '2024-09-10T12:00:00.000Z',
  lineItem: { sourcedId: 'gc-li-1' },
  student: { sourcedId: 'STU_1' },
  scoreStatus: 'fully graded',
  score: 87.5,
  scoreDate: '2024-09-10T12:00:00.000Z',
  comment: '',
};
