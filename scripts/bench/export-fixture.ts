/**
 * The benchmark's class: the sandbox teacher's first class (40 students) with N graded coursework,
 * every student graded, planned with the extension's own planner against the live sandbox state.
 */
import { createAuthenticator } from '../../lib/auth/config';
import { capabilitiesFor } from '../../lib/export/capabilities';
import { planExport } from '../../lib/export/plan';
import type { PlanCoursework, PlanGrade, PlanInput } from '../../lib/export/plan-types';
import { createOneRosterClient, type OneRosterClient } from '../../lib/oneroster/client';
import { type OneRosterVersion, scopesFor } from '../../lib/oneroster/version';
import type { SandboxProcess } from './sandbox-process';

export const BENCH_COURSE = '596177745468';

/**
 * The client as the background builds it: 1.1 signs with OAuth 1.0a, 1.2 (the sandbox started
 * with `--oneroster 1.2`) uses OAuth 2 with the 1.2 scopes at the IC-style root.
 */
export function benchClient(
  sis: Pick<SandboxProcess, 'baseUrl' | 'tokenUrl' | 'credentials'>,
  version: OneRosterVersion,
  fetchFn: typeof fetch = fetch,
): OneRosterClient {
  const auth =
    version === '1.1'
      ? createAuthenticator({ mode: 'oauth1', ...sis.credentials.oauth1 }, { fetch: fetchFn })
      : createAuthenticator(
          {
            mode: 'oauth2',
            tokenUrl: sis.tokenUrl,
            ...sis.credentials.oauth2,
            scopes: scopesFor('1.2'),
          },
          { fetch: fetchFn },
        );
  return createOneRosterClient({ baseUrl: sis.baseUrl, version, auth, fetch: fetchFn });
}

export interface BenchClass {
  version: OneRosterVersion;
  sisClassId: string;
  /** The class's school: 1.2 line items carry it. */
  schoolId?: string;
  students: string[];
  coursework: PlanCoursework[];
  grades: PlanGrade[];
}

export async function benchClass(
  client: OneRosterClient,
  teacherEmail: string,
  courseworkCount: number,
): Promise<BenchClass> {
  const [teacher] = await client.findTeachersByEmail(teacherEmail);
  const [klass] = await client.listClassesForTeacher(teacher?.sourcedId ?? '');
  if (!klass) throw new Error('the sandbox teacher has no class');
  const students = (await client.listStudentsForClass(klass.sourcedId)).map((s) => s.sourcedId);
  const coursework = Array.from({ length: courseworkCount }, (_, i) => ({
    id: String(1_000_000 + i),
    title: `Assignment ${i + 1}`,
    maxPoints: 100,
    dueDate: new Date().toISOString().slice(0, 10),
  }));
  const grades = coursework.flatMap((cw, i) =>
    students.map((key, j) => ({
      courseworkId: cw.id,
      studentKey: key,
      score: (i * 7 + j * 13) % 101,
      draft: false,
      missing: false,
      excused: false,
      unreadable: false,
    })),
  );
  return {
    version: client.version,
    sisClassId: klass.sourcedId,
    ...(klass.school ? { schoolId: klass.school.sourcedId } : {}),
    students,
    coursework,
    grades,
  };
}

/** Plans against what the SIS holds right now, exactly as the background does before exporting. */
export async function planAgainstSis(client: OneRosterClient, bench: BenchClass) {
  const [lineItems, results, categories] = await Promise.all([
    client.listLineItemsForClass(bench.sisClassId),
    client.listResultsForClass(bench.sisClassId),
    client.listCategoriesForClass(bench.sisClassId),
  ]);
  const input: PlanInput = {
    classroomCourseId: BENCH_COURSE,
    sisClassId: bench.sisClassId,
    coursework: bench.coursework,
    grades: bench.grades,
    matches: new Map(bench.students.map((id) => [id, id])),
    rules: {
      exportDrafts: false,
      missing: 'skip',
      titleLimit: null,
      defaultCategoryId: categories.categories[0]?.sourcedId ?? null,
    },
    choices: { excludedCoursework: [], categories: {} },
    sis: {
      lineItems,
      results,
      categories: categories.categories,
      gradingPeriods: [],
      ...(bench.schoolId ? { schoolId: bench.schoolId } : {}),
    },
    capabilities: capabilitiesFor(bench.version),
    now: new Date().toISOString(),
  };
  return planExport(input);
}
