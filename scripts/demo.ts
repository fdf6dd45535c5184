/**
 * `npm run demo`: the product's main job, start to finish, on this machine. Builds the extension,
 * starts the sandbox SIS, a local HTTPS stand-in for classroom.google.com and the fake Google
 * (sign-in and Classroom API at accounts.google.com and classroom.googleapis.com), launches Debian
 * Chromium with the extension, connects the SIS and sets the Google client id on the real options
 * page (as an admin), signs in with Google, links the demo class and exports its grades through
 * the real panel (as a teacher; the class is read through the Classroom API with the Grades page
 * laid over it), and prints a summary.
 *
 *   npm run demo                  headless unless a display is available
 *   npm run demo -- --page-only   no Google: the class is read from the Grades page alone
 *   npm run demo -- --oneroster 1.2   connect Infinite Campus over OneRoster 1.2 (the sandbox's
 *                                  IC-style 1.2 service, strict schema checks) instead of 1.1
 *   npm run demo -- --keep-open   (with a display) leave the browser and servers running
 *
 * It loads the test build (.output/chrome-mv3-e2e): Chromium's host-permission prompt cannot be
 * answered by a script, so that build is granted the loopback sandbox up front. The store build
 * asks the admin on Authorize instead.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM } from '../test/e2e/support/browser';
import { buildForDemo, classInSis, linkDemoClass, setUpDemo } from './demo-scene';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'test-results/demo');
const { values } = parseArgs({
  options: {
    'keep-open': { type: 'boolean', default: false },
    'page-only': { type: 'boolean', default: false },
    oneroster: { type: 'string', default: '1.1' },
  },
});
if (values.oneroster !== '1.1' && values.oneroster !== '1.2') {
  console.error('--oneroster must be 1.1 or 1.2');
  process.exit(2);
}
const oneRoster = values.oneroster;
const useApi = !values['page-only'];
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
buildForDemo();

step(
  useApi
    ? 'Starting the sandbox SIS, the local Classroom and the fake Google; the admin connects the SIS and sets the Google client id'
    : 'Starting the sandbox SIS and the local Classroom (page only, no Google), connecting the SIS as the admin',
);
const scene = await setUpDemo({ headed, google: useApi, oneRoster });
const { sis, fixture, admin, google } = scene;
mkdirSync(SHOTS, { recursive: true });

try {
  step(
    oneRoster === '1.2'
      ? `Admin: connected Infinite Campus over OneRoster 1.2 at ${sis.oneRoster12.root} on the options page (OAuth 2, vendor key for the gradebook)`
      : `Admin: connected ${sis.baseUrl} on the options page (OneRoster 1.1, OAuth 1.0a)`,
  );
  if (google) step(`Admin: Google OAuth client ID ${google.clientId} saved`);
  await admin.page.screenshot({ path: join(SHOTS, '1-options-connected.png'), fullPage: true });

  step(
    google
      ? `Teacher: opening the Classroom Grades page of "${fixture.klass.title}", signing in with Google (consent window of the fake accounts.google.com) and linking it`
      : `Teacher: opening the Classroom Grades page of "${fixture.klass.title}" and linking it`,
  );
  const teacher = await linkDemoClass(scene);
  const page = teacher.classroom;
  step(`Linked to the SIS class "${fixture.klass.title}" (${fixture.klass.classCode})`);
  const source = await teacher.byTestId('preview-source').textContent();
  step(`Preview: ${source}`);
  await page.page.screenshot({ path: join(SHOTS, '2-preview.png') });

  step('Exporting coursework and grades');
  sis.requestLog.clear();
  const exportStarted = performance.now();
  await teacher.startExport();
  await teacher.summary.waitFor({ timeout: 120_000 });
  const exportMs = performance.now() - exportStarted;
  await page.page.screenshot({ path: join(SHOTS, '3-summary.png') });

  const { lineItems, results } = classInSis(scene);
  const writes = sis.requestLog.entries.filter(
    (e) => e.method === 'PUT' || e.method === 'DELETE',
  ).length;
  const district =
    [...sis.data.orgs.values()].find((o) => o.type === 'district')?.name ?? 'the sandbox SIS';
  const apiCalls = google?.requestLog.entries.filter(
    (e) => e.host === 'classroom.googleapis.com',
  ).length;
  const dataSource = google
    ? `Classroom API of the fake Google (${apiCalls} API requests), Grades page laid over it`
    : 'the Grades page only (--page-only)';
  console.log(`
Demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s.
  SIS:        ${district} (sandbox, OneRoster ${oneRoster} at ${oneRoster === '1.2' ? sis.oneRoster12.root : sis.baseUrl})
  Read from:  ${dataSource}
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
  await scene.close();
}
