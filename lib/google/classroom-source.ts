/**
 * The class the export plans, read where it is most reliable. When the admin has set up Google
 * access (a client id is in force), the background reads the class through the Classroom API with
 * the teacher's own token and lays over it what only the page shows (Excused, manual Missing),
 * cross-checking every cell the page shows (api-snapshot.ts). Without Google access the page's
 * own reading is the class. The token comes from a silent renewal only: a panel message never
 * opens a window; when that fails the teacher is asked to press "Sign in with Google".
 */
import type { CourseSnapshot } from '../classroom/model';
import { RequestError } from '../errors';
import { overlayPage, snapshotFromApi } from './api-snapshot';
import type { GoogleAuth } from './auth';
import { createClassroomApi } from './classroom-api';
import { ClassroomApiError, describeClassroomApiError } from './errors';

export interface ClassroomSourceOptions {
  auth: GoogleAuth;
  /** Whether a Google client id is in force now (read at every use: the admin may change it). */
  configured: () => Promise<boolean>;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  now: () => Date;
  /** The Classroom API's base URL; tests of the reader set their own. */
  baseUrl?: string;
}

export interface ClassroomSource {
  /** The class to plan from the page's reading `page` (see above). */
  classFor(page: CourseSnapshot): Promise<CourseSnapshot>;
}

export function createClassroomSource(options: ClassroomSourceOptions): ClassroomSource {
  return {
    async classFor(page) {
      if (!(await options.configured())) return page;
      const loginHint = page.teacherEmail;
      const token = async () =>
        (await options.auth.token({ loginHint, interactive: false })).accessToken;
      const api = createClassroomApi({
        fetch: options.fetch ?? ((input, init) => fetch(input, init)),
        token,
        onUnauthorized: (sent) => options.auth.drop(sent),
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      });
      try {
        const data = await api.readCourse(page.course.courseId);
        const fromApi = snapshotFromApi(data, {
          readAt: options.now().toISOString(),
          accountIndex: page.course.accountIndex,
          urlCourseId: page.course.urlCourseId,
          ...(page.teacherEmail ? { teacherEmail: page.teacherEmail } : {}),
        });
        return overlayPage(fromApi, page);
      } catch (error) {
        if (error instanceof ClassroomApiError) {
          throw new RequestError(`google-${error.code}`, describeClassroomApiError(error.code));
        }
        throw error;
      }
    },
  };
}
