/**
 * `npm run demo`: the product's main job, start to finish, on this machine. Builds the extension,
 * starts the sandbox SIS and a local HTTPS stand-in for classroom.google.com, launches Debian
 * Chromium with the extension, connects the SIS on the real options page (as an admin), links the
 * demo class and exports its grades through the real panel (as a teacher), and prints a summary.
 *
 *   npm run demo                 headless unless a display is available
 *   npm run demo -- --keep-open  (with a display) leave the browser and servers running
 *
 * It loads the test build (.output/chrome-mv3-e2e): Chromium's host-permission prompt cannot be
 * answered by a script, so that build is granted the loopback sandbox up front. The store build
 * asks the admin on Authorize instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ClassroomPage } from '../test/e2e/pages/classroom-page';
import { LABELS, OptionsPage } from '../test/e2e/pages/options-page';
import { TeacherPanel } from '../test/e2e/pages/teacher-panel';
import { CHROMIUM, launchWithExtension } from '../test/e2e/support/browser';
import { startClassroomServer } from '../test/e2e/support/classroom-server';
import { teacherClasses, writeClassFixture } from '../test/e2e/support/sandbox-class';
import { startSandbox } from '../test/sandbox/index';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'test-results/demo');
const { values } = parseArgs({ options: { 'keep-open': { type: 'boolean', default: false } } });
const started = performance.now();
const step = (text: string) => console.log(`• ${text}`);

if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`);
  console.error('(bash scripts/setup.sh installs everything the demo and the tests need.)');
  process.exit(1);
}
const headed = Boolean(process.env.DISPLAY) && !process.env.CI;
const keepOpen = values['keep-open'] && headed;

step('Building the extension');
execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production' },
});

step('Starting the sandbox SIS and the local Classroom');
const sis = await startSandbox({ seed: 21, faults: { latencyMs: 20 } });
const [demoClass] = teacherClasses(sis);
if (!demoClass) throw new Error('the sandbox teacher has no class');
const fixture = writeClassFixture(sis, demoClass, '734512908812');
const classroom = await startClassroomServer({ [fixture.page.path]: fixture.file });
const browser = await launchWithExtension({ classroomPort: classroom.port, headed });
mkdirSync(SHOTS, { recursive: true });

try {
  step(`Admin: connecting ${sis.baseUrl} on the options page (OAuth 1.0a)`);
  const admin = await OptionsPage.open(browser, LABELS.en);
  await admin.status.waitFor();
  await admin.fillConnection({
    partner: LABELS.en.other,
    mode: 'oauth1',
    hostUrl: sis.baseUrl,
    accessKey: sis.credentials.oauth1.consumerKey,
    secret: sis.credentials.oauth1.consumerSecret,
  });
  if ((await admin.authorize()) !== 'success') throw new Error('Authorize failed');
  await admin.page.screenshot({ path: join(SHOTS, '1-options-connected.png'), fullPage: true });

  step(`Teacher: opening the Classroom Grades page of "${fixture.klass.title}"`);
  const page = await ClassroomPage.open(await browser.context.newPage(), fixture.page.path);
  const teacher = new TeacherPanel(page);
  await teacher.findClasses(fixture.klass.classCode);
  await teacher.linkClass(fixture.klass.title);
  step(`Linked to the SIS class "${fixture.klass.title}" (${fixture.klass.classCode})`);
  await teacher.waitForPreview();
  await teacher.matchPending(
    (key) => fixture.rows[fixture.page.studentKeys.indexOf(key)]?.sourcedId ?? '',
  );
  await teacher.chooseCategory('Unit 1 test', 'Tests');
  await page.page.screenshot({ path: join(SHOTS, '2-preview.png') });

  step('Exporting coursework and grades');
  sis.requestLog.clear();
  const exportStarted = performance.now();
  await teacher.startExport();
  await teacher.summary.waitFor({ timeout: 120_000 });
  const exportMs = performance.now() - exportStarted;
  await page.page.screenshot({ path: join(SHOTS, '3-summary.png') });

  const lineItems = [...sis.data.lineItems.values()].filter(
    (li) => li.class.sourcedId === fixture.klass.sourcedId,
  );
  const ids = new Set(lineItems.map((li) => li.sourcedId));
  const results = [...sis.data.results.values()].filter((r) => ids.has(r.lineItem.sourcedId));
  const writes = sis.requestLog.entries.filter(
    (e) => e.method === 'PUT' || e.method === 'DELETE',
  ).length;
  const district =
    [...sis.data.orgs.values()].find((o) => o.type === 'district')?.name ?? 'the sandbox SIS';
  console.log(`
Demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s.
  SIS:        ${district} (sandbox at ${sis.baseUrl})
  Class:      Classroom course ${fixture.courseId} → "${fixture.klass.title}" (${fixture.klass.classCode}) in the SIS
  Written:    ${lineItems.length} line items and ${results.length} results (${writes} write requests, ${(exportMs / 1000).toFixed(1)} s)
  Summary:    ${JSON.stringify(await teacher.summaryCounts())}
  Screenshots: ${SHOTS}`);

  if (keepOpen) {
    console.log('\nThe browser and servers stay up; press Ctrl-C to stop.');
    await new Promise<void>((done) => process.once('SIGINT', () => done()));
  } else if (values['keep-open']) {
    console.log('\n--keep-open needs a display (run it in a desktop session); stopping.');
  }
} finally {
  await browser.close();
  await Promise.all([sis.close(), classroom.close()]);
}
