/**
 * Issue #11, M3 in real Chromium: with OAuth 2, the SIS revokes the bearer token while the
 * preview's parallel reads, and later the export's parallel writes (the default concurrency 4),
 * are in flight. Every refused request retries with the one new token; the export finishes and
 * the SIS holds exactly the page's grades.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sisStateOf } from './support/sandbox-class';
import {
  SLOW,
  startTeacherScenario,
  type TeacherScenario,
  UNIT_TEST,
} from './support/teacher-scenario';

let scenario: TeacherScenario;
beforeAll(async () => {
  scenario = await startTeacherScenario({
    seed: 21,
    classes: [{ courseId: '734512908812' }],
    authMode: 'oauth2',
  });
});
afterAll(async () => {
  await scenario?.close();
});

describe('an OAuth 2 token revoked mid-way', () => {
  it('previews and exports exactly, with one new token each time', async () => {
    const { sis } = scenario;
    const fixture = scenario.fixtures[0];
    if (!fixture) throw new Error('no class');
    const tokenPath = new URL(sis.tokenUrl).pathname;
    const tokenRequests = () => sis.requestLog.entries.filter((e) => e.path === tokenPath);
    const refused = () => sis.requestLog.entries.filter((e) => e.status === 401);

    const teacher = await scenario.open(fixture);
    await teacher.findClasses(fixture.klass.classCode);
    sis.requestLog.clear();
    sis.revokeTokens(); // the link's and the preview's reads all carry the dead token
    await teacher.linkClass(fixture.klass.title);
    await teacher.waitForPreview();
    await scenario.matchByHand(teacher, fixture);
    await teacher.chooseCategory(UNIT_TEST, 'Tests');
    expect(refused().length).toBeGreaterThan(0);
    expect(tokenRequests()).toHaveLength(1);

    sis.requestLog.clear();
    // The sandbox's 30 ms latency, spent before the token is checked, keeps several in flight.
    sis.revokeTokens({ requests: 10, counting: 'writes' });
    await teacher.startExport();
    await teacher.summary.waitFor(SLOW);
    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export finished');
    expect((await teacher.summaryCounts()).failed).toBe(0);
    expect(refused().length).toBeGreaterThan(1); // the writes in flight at the revocation
    expect(tokenRequests()).toHaveLength(1);
    expect(sisStateOf(sis, fixture.klass.sourcedId)).toEqual(scenario.expected(fixture));
  });
});
