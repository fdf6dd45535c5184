/**
 * The demo's world, shared by `npm run demo` and the benchmarks: the e2e build of the extension in
 * Debian Chromium, the sandbox SIS, a generated Grades page of the sandbox teacher's first class
 * served as classroom.google.com, and the SIS connected on the real options page. With `google`,
 * also the fake Google (sandbox/google) over HTTPS at accounts.google.com and
 * classroom.googleapis.com holding the same class, and its client id saved on the options page:
 * the panel then reads the class through the Classroom API once the teacher signs in.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { type FakeGoogle, startFakeGoogle } from '../sandbox/google/index';
import { type SandboxOptions, startSandbox } from '../sandbox/index';
import { ClassroomPage } from '../test/e2e/pages/classroom-page';
import { LABELS, OptionsPage } from '../test/e2e/pages/options-page';
import { TeacherPanel } from '../test/e2e/pages/teacher-panel';
import { launchWithExtension } from '../test/e2e/support/browser';
import { makeSelfSignedCertificate } from '../test/e2e/support/certificate';
import { startClassroomServer } from '../test/e2e/support/classroom-server';
import { fakeCourseFromClassFixture } from '../test/e2e/support/google-class';
import { teacherClasses, writeClassFixture } from '../test/e2e/support/sandbox-class';
import type { SandboxClassInput } from '../test/fixtures/classroom/sandbox-class';

const ROOT = resolve(import.meta.dirname, '..');

/** The e2e build: granted the loopback sandbox up front, since no script can click the prompt. */
export function buildForDemo() {
  execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export interface DemoOptions {
  headed: boolean;
  latencyMs?: number;
  /** District size over the demo's (the poll bench wants a class of 40). */
  district?: Pick<SandboxOptions, 'students' | 'classes' | 'classSize'>;
  /** The demo class's Grades page: its coursework and cells (default: the demo's). */
  coursework?: SandboxClassInput['coursework'];
  cell?: SandboxClassInput['cell'];
  /** Read the class through the Classroom API of a fake Google (default: the Grades page only). */
  google?: boolean;
  /**
   * '1.2': the admin connects Infinite Campus over OneRoster 1.2 (the sandbox's IC-style root,
   * OAuth 2, the pre-filled token URL, a vendor key); default 1.1 with OAuth 1.0a.
   */
  oneRoster?: '1.1' | '1.2';
}

/** The Infinite Campus vendor key:secret the demo's 1.2 sandbox asks for on the gradebook. */
const DEMO_VENDOR_KEY = 'Demo:Vendor';

/** The demo school's OAuth client (the fake Google knows only this one). */
export const DEMO_CLIENT_ID = '734512908812-sisgradeexportdemo.apps.googleusercontent.com';

export async function setUpDemo(options: DemoOptions) {
  const oneRoster = options.oneRoster ?? '1.1';
  const sis = await startSandbox({
    seed: 21,
    ...options.district,
    ...(oneRoster === '1.2' ? { vendorAuthorization: DEMO_VENDOR_KEY } : {}),
    faults: { latencyMs: options.latencyMs ?? 20 },
  });
  const [demoClass] = teacherClasses(sis);
  if (!demoClass) throw new Error('the sandbox teacher has no class');
  const fixture = writeClassFixture(sis, demoClass, '734512908812', {
    coursework: options.coursework,
    cell: options.cell,
  });
  const classroom = await startClassroomServer({ [fixture.page.path]: fixture.file });
  let google: FakeGoogle | undefined;
  if (options.google) {
    const teacher = [...sis.data.users.values()].find((u) => u.email === sis.teacherEmail);
    google = await startFakeGoogle({
      tls: makeSelfSignedCertificate('accounts.google.com', 'classroom.googleapis.com'),
      clientId: DEMO_CLIENT_ID,
      teacher: { email: sis.teacherEmail, name: `${teacher?.givenName} ${teacher?.familyName}` },
      latencyMs: options.latencyMs ?? 20,
    });
    google.addCourse(fakeCourseFromClassFixture(fixture));
  }
  const browser = await launchWithExtension({
    classroomPort: classroom.port,
    ...(google && { googlePort: google.port }),
    headed: options.headed,
  });
  const close = async () => {
    await browser.close();
    await Promise.all([sis.close(), classroom.close(), google?.close()]);
  };
  try {
    const admin = await OptionsPage.open(browser, LABELS.en);
    await admin.status.waitFor();
    await admin.fillConnection(
      oneRoster === '1.2'
        ? {
            partner: LABELS.en.infiniteCampus,
            hostUrl: sis.oneRoster12.root,
            version: '1.2',
            accessKey: sis.credentials.oauth2.clientId,
            secret: sis.credentials.oauth2.clientSecret,
            vendorAuthorization: DEMO_VENDOR_KEY,
          }
        : {
            partner: LABELS.en.other,
            mode: 'oauth1',
            hostUrl: sis.baseUrl,
            accessKey: sis.credentials.oauth1.consumerKey,
            secret: sis.credentials.oauth1.consumerSecret,
          },
    );
    if ((await admin.authorize()) !== 'success') throw new Error('Authorize failed');
    if (google) await admin.saveGoogleClientId(DEMO_CLIENT_ID);
    return { sis, fixture, browser, admin, google, oneRoster, close };
  } catch (error) {
    await close();
    throw error;
  }
}
export type DemoScene = Awaited<ReturnType<typeof setUpDemo>>;

/**
 * Opens the demo class in Classroom (signing in with Google when the scene has it), links it to
 * its SIS class and waits for the preview.
 */
export async function linkDemoClass(scene: DemoScene) {
  const { browser, fixture } = scene;
  const page = await ClassroomPage.open(await browser.context.newPage(), fixture.page.path);
  const teacher = new TeacherPanel(page);
  if (scene.google) await teacher.signInWithGoogle();
  await teacher.findClasses(fixture.klass.classCode);
  await teacher.linkClass(fixture.klass.title);
  await teacher.waitForPreview();
  await teacher.matchPending((key) => {
    const id = fixture.rows[fixture.page.studentKeys.indexOf(key)]?.sourcedId;
    // OneRoster 1.2 (IC) re-keys users: the panel lists them by their 1.2 GUIDs.
    return id === undefined ? '' : scene.oneRoster === '1.2' ? scene.sis.inspect.userGuid(id) : id;
  });
  // The demo's one coursework without a Classroom category goes in "Tests".
  if (fixture.page.coursework.some((cw) => cw.title === 'Unit 1 test' && !cw.category)) {
    await teacher.chooseCategory('Unit 1 test', 'Tests');
  }
  return teacher;
}

/** The demo class's line items and results as the sandbox holds them. */
export function classInSis(scene: DemoScene) {
  const { sis, fixture } = scene;
  const lineItems = [...sis.data.lineItems.values()].filter(
    (li) => li.class.sourcedId === fixture.klass.sourcedId,
  );
  const ids = new Set(lineItems.map((li) => li.sourcedId));
  const results = [...sis.data.results.values()].filter((r) => ids.has(r.lineItem.sourcedId));
  return { lineItems, results };
}
