/**
 * The class the export plans when the admin has set up Google access (a client id is in force;
 * the caller decides, from the settings it already read, and otherwise plans the page's own
 * reading): the Classroom API's class, read with the teacher's own token, with what only the page
 * shows laid over it (Excused, manual Missing) and every cell the page shows cross-checked
 * (api-snapshot.ts). The token comes from a silent renewal only: a panel message never opens a
 * window; when that fails the teacher is asked to press "Sign in with Google".
 */
import type { CourseSnapshot } from '../classroom/model';
import { RequestError } from '../errors';
import { overlayPage, snapshotFromApi } from './api-snapshot';
import type { GoogleAuth } from './auth';
import { createClassroomApi } from './classroom-api';
import { ClassroomApiError, describeClassroomApiError } from './errors';

export interface ClassroomSourceOptions {
  auth: GoogleAuth;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  now: () => Date;
  /** The Classroom API's base URL; tests of the reader set their own. */
  baseUrl?: string;
}

export interface ClassroomSource {
  /** The class to plan, read from the API, with the page's reading `page` laid over it. */
  classFor(page: CourseSnapshot): Promise<CourseSnapshot>;
}

export function createClassroomSource(options: ClassroomSourceOptions): ClassroomSource {
  return {
    async classFor(page) {
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
