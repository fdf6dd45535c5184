/**
 * The seeded demo district: one district org, a high school and a middle school, one school year
 * with two terms and two grading periods per term, global grading categories, then people and
 * classes (district-classes.ts). A pure function of its options: same options, same data.
 */
import { addClassesAndPeople } from './district-classes.ts';
import type { AcademicSession, Category, DistrictData, Org } from './model.ts';
import { ref } from './model.ts';
import { CATEGORY_TITLES } from './names.ts';
import { createPrng, type Prng } from './prng.ts';

export interface DistrictOptions {
  seed: number;
  students: number;
  classes: number;
  /** Students per class; default a seeded 18–28 (capped by the school's students). */
  classSize?: number;
  /** The calendar year the school year ends in (OneRoster `schoolYear`, e.g. 2026 for 2025–26). */
  schoolYear: number;
}

/** The school year that contains `now` (years turn over on 1 July, like most US districts). */
export function currentSchoolYear(now: Date): number {
  return now.getUTCMonth() >= 6 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
}

export const DISTRICT_DOMAIN = 'riversideusd.example.org';

export function generateDistrict(options: DistrictOptions): DistrictData {
  const prng = createPrng(options.seed);
  const stamp = modifiedStamps(prng, options.schoolYear);
  const data: DistrictData = {
    orgs: new Map(),
    academicSessions: new Map(),
    courses: new Map(),
    classes: new Map(),
    users: new Map(),
    enrollments: new Map(),
    categories: new Map(),
    lineItems: new Map(),
    results: new Map(),
    defaultTeacherId: '',
  };
  const district: Org = {
    sourcedId: prng.uuid(),
    status: 'active',
    dateLastModified: stamp(),
    name: 'Riverside Unified School District',
    type: 'district',
    identifier: 'RUSD',
    children: [],
  };
  data.orgs.set(district.sourcedId, district);
  const schools = [
    ['Riverside High School', 'RHS'],
    ['Riverside Middle School', 'RMS'],
  ].map(([name, identifier]): Org => {
    const school: Org = {
      sourcedId: prng.uuid(),
      status: 'active',
      dateLastModified: stamp(),
      name: name as string,
      type: 'school',
      identifier: identifier as string,
      parent: ref('org', district.sourcedId),
    };
    district.children?.push(ref('org', school.sourcedId));
    data.orgs.set(school.sourcedId, school);
    return school;
  });
  const sessions = addSessions(data, prng, stamp, options.schoolYear);
  for (const title of CATEGORY_TITLES) {
    const category: Category = {
      sourcedId: prng.uuid(),
      status: 'active',
      dateLastModified: stamp(),
      title,
    };
    data.categories.set(category.sourcedId, category);
  }
  addClassesAndPeople(data, { prng, stamp, schools, ...sessions, options });
  return data;
}

/** dateLastModified values spread over the summer before the school year, never "now". */
function modifiedStamps(prng: Prng, schoolYear: number): () => string {
  const start = Date.UTC(schoolYear - 1, 6, 1);
  return () => new Date(start + prng.int(0, 40 * 24 * 60) * 60_000).toISOString();
}

export interface Sessions {
  year: AcademicSession;
  terms: AcademicSession[];
}

function addSessions(data: DistrictData, prng: Prng, stamp: () => string, y: number): Sessions {
  const session = (
    title: string,
    type: AcademicSession['type'],
    startDate: string,
    endDate: string,
    parent?: AcademicSession,
  ): AcademicSession => {
    const s: AcademicSession = {
      sourcedId: prng.uuid(),
      status: 'active',
      dateLastModified: stamp(),
      title,
      type,
      startDate,
      endDate,
      schoolYear: String(y),
      children: [],
    };
    if (parent) {
      s.parent = ref('academicSession', parent.sourcedId);
      parent.children?.push(ref(type === 'term' ? 'term' : 'gradingPeriod', s.sourcedId));
    }
    data.academicSessions.set(s.sourcedId, s);
    return s;
  };
  const prev = y - 1;
  const year = session(`${prev}-${y} School Year`, 'schoolYear', `${prev}-08-15`, `${y}-06-10`);
  const fall = session(`Fall ${prev}`, 'term', `${prev}-08-15`, `${prev}-12-19`, year);
  session('Quarter 1', 'gradingPeriod', `${prev}-08-15`, `${prev}-10-17`, fall);
  session('Quarter 2', 'gradingPeriod', `${prev}-10-20`, `${prev}-12-19`, fall);
  const spring = session(`Spring ${y}`, 'term', `${y}-01-05`, `${y}-06-10`, year);
  session('Quarter 3', 'gradingPeriod', `${y}-01-05`, `${y}-03-20`, spring);
  session('Quarter 4', 'gradingPeriod', `${y}-03-23`, `${y}-06-10`, spring);
  return { year, terms: [fall, spring] };
}
