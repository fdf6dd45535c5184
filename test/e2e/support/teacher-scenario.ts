/**
 * The teacher e2e tests' common start: a sandbox SIS, generated Grades pages of the sandbox
 * teacher's classes served as Classroom, Chromium with the extension, and the admin connecting
 * the SIS on the real options page. Also the steps every teacher test repeats.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../../sandbox/index.ts';
import type { SandboxClassInput } from '../../fixtures/classroom/sandbox-class';
import { ClassroomPage } from '../pages/classroom-page';
import { LABELS, OptionsPage } from '../pages/options-page';
import { PANEL_LABELS, TeacherPanel } from '../pages/teacher-panel';
import { type ExtensionBrowser, launchWithExtension } from './browser';
import { type ClassroomServer, startClassroomServer } from './classroom-server';
import { grantHostAccessInProfile } from './granted-host-access';
import {
  type ClassFixture,
  expectedSisState,
  teacherClasses,
  writeClassFixture,
  writeStreamPage,
} from './sandbox-class';

/**
 * The sandbox answers in 30 ms normally; exports a test must watch (progress, a worker stopped
 * or a cancel mid-way) run at 250 ms a request, so their few dozen writes take seconds.
 */
export const LATENCY = { normal: 30, watched: 250 };
export const SLOW = { timeout: 60_000, interval: 250 };
/** The coursework without a Classroom category: the teacher picks "Tests" in the preview. */
export const UNIT_TEST = 'Unit 1 test';
/** The Infinite Campus vendor key:secret the 1.2 sandbox requires on gradebook requests. */
export const VENDOR_KEY = 'Lms:F24F';

export interface ClassSpec {
  /** Numeric Classroom course id of the page. */
  courseId: string;
  renamed?: number[];
  visitors?: string[];
  coursework?: SandboxClassInput['coursework'];
  cell?: SandboxClassInput['cell'];
  /** The last this many students of the class have no row on the Grades page. */
  unrendered?: number;
}

export async function startTeacherScenario(options: {
  seed: number;
  locale?: 'en' | 'nl';
  /** One per sandbox teacher class, in the SIS's order. */
  classes: ClassSpec[];
  /** How the admin connects (default OAuth 1.0a; OneRoster 1.2 is always OAuth 2). */
  authMode?: 'oauth1' | 'oauth2';
  /**
   * '1.2': the admin connects Infinite Campus over OneRoster 1.2 (the sandbox's IC-style root,
   * the token URL the form pre-fills, a vendor key the sandbox requires on the gradebook).
   */
  oneRoster?: '1.1' | '1.2';
  /** District size (e.g. students, classSize) and faults, over the defaults. */
  sandbox?: Omit<SandboxOptions, 'seed'>;
  /**
   * Reach the SIS as `localhost`, an optional permission in the e2e build (unlike its
   * pre-granted 127.0.0.1, which Chromium refuses to remove), granted in the profile as if the
   * admin had accepted the prompt: a test can then take it back with permissions.remove.
   */
  removableHostAccess?: boolean;
  /**
   * Starts the fake Google (sandbox/google) once the SIS and the pages exist (its account is the
   * SIS teacher's); the browser then maps Google's real hostnames to the port it returns.
   */
  startGoogle?: (sis: Sandbox, fixtures: ClassFixture[]) => Promise<{ port: number }>;
}) {
  const locale = options.locale ?? 'en';
  const v1p2 = options.oneRoster === '1.2';
  const sis: Sandbox = await startSandbox({
    faults: { latencyMs: LATENCY.normal },
    ...(v1p2 ? { vendorAuthorization: VENDOR_KEY } : {}),
    ...options.sandbox,
    seed: options.seed,
  });
  const taught = teacherClasses(sis);
  const fixtures = options.classes.map((spec, i) => {
    const klass = taught[i];
    if (!klass) throw new Error(`the sandbox teacher has no class #${i + 1}`);
    return writeClassFixture(sis, klass, spec.courseId, spec);
  });
  // Every class has its Grades page and its Stream page (/c/<id>).
  const classroom: ClassroomServer = await startClassroomServer(
    Object.fromEntries(
      fixtures.flatMap((fixture) => {
        const stream = writeStreamPage(fixture);
        return [
          [fixture.page.path, fixture.file],
          [stream.path, stream.file],
        ];
      }),
    ),
  );
  const googlePort = options.startGoogle && (await options.startGoogle(sis, fixtures)).port;
  const sisOrigin = options.removableHostAccess ? `http://localhost:${sis.port}` : sis.origin;
  const browser: ExtensionBrowser = options.removableHostAccess
    ? await launchWithSeededGrant(classroom.port, locale, `${sisOrigin}/*`)
    : await launchWithExtension({
        classroomPort: classroom.port,
        locale,
        ...(googlePort !== undefined && { googlePort }),
      });
  const admin = await OptionsPage.open(browser, LABELS[locale]);
  await admin.status.waitFor();
  const hostUrl = `${sisOrigin}${new URL(sis.baseUrl).pathname}`;
  const root = `${sisOrigin}${new URL(sis.oneRoster12.root).pathname}`;
  await admin.fillConnection(
    v1p2
      ? {
          partner: LABELS[locale].infiniteCampus,
          hostUrl: root,
          version: '1.2',
          accessKey: sis.credentials.oauth2.clientId,
          secret: sis.credentials.oauth2.clientSecret,
          vendorAuthorization: VENDOR_KEY,
        }
      : options.authMode === 'oauth2'
        ? {
            partner: LABELS[locale].other,
            mode: 'oauth2',
            hostUrl,
            tokenUrl: `${sisOrigin}${new URL(sis.tokenUrl).pathname}`,
            accessKey: sis.credentials.oauth2.clientId,
            secret: sis.credentials.oauth2.clientSecret,
          }
        : {
            partner: LABELS[locale].other,
            mode: 'oauth1',
            hostUrl,
            accessKey: sis.credentials.oauth1.consumerKey,
            secret: sis.credentials.oauth1.consumerSecret,
          },
  );
  if (v1p2) {
    // Infinite Campus's token URL, filled in from the pasted root's appName.
    const tokenUrl = `${sisOrigin}/campus/oauth2/token?appName=${sis.oneRoster12.appName}`;
    expect(await admin.field(LABELS[locale].tokenUrl).inputValue()).toBe(tokenUrl);
  }
  expect(await admin.authorize()).toBe('success');

  const categoryId = (title: string) =>
    [...sis.data.categories.values()].find((c) => c.title === title)?.sourcedId ?? '';

  const scenario = {
    sis,
    /** The SIS origin the extension was connected with. */
    sisOrigin,
    browser,
    /** The admin's options page, kept open (it also hosts the CDP sessions). */
    admin,
    fixtures,
    /** How many active classes the sandbox teacher has. */
    activeClasses: taught.length,

    /** Opens the class's Grades page (or its Stream page) in a new tab. */
    async open(fixture: ClassFixture, view: 'grades' | 'stream' = 'grades') {
      const path = view === 'grades' ? fixture.page.path : writeStreamPage(fixture).path;
      const page = await ClassroomPage.open(await browser.context.newPage(), path);
      return new TeacherPanel(page, PANEL_LABELS[locale]);
    },

    /** Answers every "pick the SIS student" the panel asks, as the teacher knows them. */
    async matchByHand(teacher: TeacherPanel, fixture: ClassFixture) {
      await teacher.matchPending((key) => {
        const id = fixture.rows[fixture.page.studentKeys.indexOf(key)]?.sourcedId;
        // OneRoster 1.2 (IC) re-keys users: the panel lists them by their 1.2 GUIDs.
        return id === undefined ? '' : v1p2 ? sis.inspect.userGuid(id) : id;
      });
    },

    /** Opens the page, links the class, answers the picks: the preview is then ready. */
    async linkAndPreview(fixture: ClassFixture) {
      const teacher = await scenario.open(fixture);
      await teacher.findClasses(fixture.klass.classCode);
      await teacher.linkClass(fixture.klass.title);
      await teacher.waitForPreview();
      await scenario.matchByHand(teacher, fixture);
      await teacher.chooseCategory(UNIT_TEST, 'Tests');
      return teacher;
    },

    /** What the SIS must hold after exporting the class (Unit 1 test in "Tests"). */
    expected(fixture: ClassFixture) {
      return expectedSisState(fixture, (title) =>
        categoryId(fixture.page.coursework.find((cw) => cw.title === title)?.category ?? 'Tests'),
      );
    },

    /** PUTs and DELETEs the SIS received so far. */
    writes() {
      return sis.requestLog.entries.filter((e) => e.method === 'PUT' || e.method === 'DELETE');
    },

    async close() {
      await browser.close();
      await Promise.all([sis.close(), classroom.close()]);
    },
  };
  return scenario;
}

export type TeacherScenario = Awaited<ReturnType<typeof startTeacherScenario>>;

/** Launches once to register the extension in a fresh profile, grants `pattern`, relaunches. */
async function launchWithSeededGrant(classroomPort: number, locale: string, pattern: string) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sis-export-profile-'));
  const first = await launchWithExtension({ classroomPort, locale, userDataDir });
  await first.close();
  grantHostAccessInProfile(userDataDir, first.extensionId, pattern);
  const browser = await launchWithExtension({ classroomPort, locale, userDataDir });
  return {
    ...browser,
    close: async () => {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
