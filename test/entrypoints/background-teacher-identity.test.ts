/**
 * The outside review's M1: signed in as one teacher, typing another SIS teacher's email listed
 * their classes, showed their roster and exported into their class (the OneRoster credential is
 * district-wide, so the extension is the only gate). Here the background uses the production
 * identity source — the account the panel's page reports — and the sandbox counts every request.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplyOf } from '@/lib/messaging/replies';
import { createHarness, OPTIONS_SENDER } from '../support/teacher-harness';
import {
  COURSE,
  errorOf,
  NO_CHOICES,
  setUpTeacherBackground,
  snapshot,
} from './teacher-background';

const scene = setUpTeacherBackground();

/** A second SIS teacher of the district with an active class of their own. */
function otherTeacher() {
  const sis = scene.sis;
  for (const enrollment of sis.data.enrollments.values()) {
    const user = sis.data.users.get(enrollment.user.sourcedId);
    const klass = sis.data.classes.get(enrollment.class.sourcedId);
    if (
      enrollment.role === 'teacher' &&
      user?.email &&
      user.sourcedId !== sis.data.defaultTeacherId &&
      klass?.status === 'active'
    ) {
      return { sourcedId: user.sourcedId, email: user.email, classId: klass.sourcedId };
    }
  }
  throw new Error('the sandbox has no second teacher with a class');
}

const me = () => scene.sis.teacherEmail;
const sisRequests = () => scene.sis.requestLog.entries.length;
const writes = () =>
  scene.sis.requestLog.entries.filter((e) => e.method === 'PUT' || e.method === 'DELETE');
const withAccount = (snap: ReturnType<typeof snapshot>, email?: string) =>
  email === undefined ? snap : { ...snap, teacherEmail: email };

/** Signed in as me: finds `teacher`'s classes, links `sisClassId`, exports and waits for the end. */
async function linkAndExport(teacherEmail: string, sisClassId: string) {
  const found = await scene.h.ask<ReplyOf<'findTeacherClasses'>>('findTeacherClasses', {
    courseId: COURSE,
    email: teacherEmail,
    accountEmail: me(),
  });
  await scene.h.ask('linkClass', {
    courseId: COURSE,
    sisClassId,
    teacherSourcedId: found.teacher.sourcedId,
    teacherEmail,
    accountEmail: me(),
  });
  await scene.h.ask('startExport', {
    courseId: COURSE,
    snapshot: withAccount(snapshot(), me()),
    choices: NO_CHOICES,
  });
  return { found, after: await scene.h.waitForExport(COURSE) };
}

beforeEach(async () => {
  scene.h.signedIn = 'page';
  await scene.h.connect();
  scene.sis.requestLog.clear();
});

describe('the SIS teacher is the signed-in account', () => {
  it('refuses another teacher’s email before asking the SIS anything', async () => {
    const other = otherTeacher();
    expect(
      await errorOf('findTeacherClasses', {
        courseId: COURSE,
        email: other.email,
        accountEmail: me(),
      }),
    ).toEqual({
      code: 'teacher-not-you',
      message: expect.stringContaining(`signed in to Classroom as ${me()}`),
    });
    expect(
      await errorOf('linkClass', {
        courseId: COURSE,
        sisClassId: other.classId,
        teacherSourcedId: other.sourcedId,
        teacherEmail: other.email,
        accountEmail: me(),
      }),
    ).toMatchObject({ code: 'teacher-not-you' });
    expect(sisRequests()).toBe(0);
  });

  it('refuses when the page did not show the account, and accepts the account in other capitals', async () => {
    expect(await errorOf('findTeacherClasses', { courseId: COURSE, email: me() })).toMatchObject({
      code: 'account-unknown',
    });
    expect(sisRequests()).toBe(0);

    const found = await scene.h.ask<ReplyOf<'findTeacherClasses'>>('findTeacherClasses', {
      courseId: COURSE,
      email: me(),
      accountEmail: me().toUpperCase(),
    });
    expect(found.teacher.email).toBe(me());
  });

  it('will not preview or export into a class linked to another teacher (e.g. while an override was allowed)', async () => {
    const other = otherTeacher();
    scene.h.policy = { allowTeacherOverride: true };
    await scene.h.ask('linkClass', {
      courseId: COURSE,
      sisClassId: other.classId,
      teacherSourcedId: other.sourcedId,
      teacherEmail: other.email,
      accountEmail: me(),
    });
    scene.h.policy = {}; // the admin takes the override back
    scene.sis.requestLog.clear();

    const request = {
      courseId: COURSE,
      snapshot: withAccount(snapshot(), me()),
      choices: NO_CHOICES,
    };
    expect(await errorOf('previewExport', request)).toMatchObject({ code: 'teacher-not-you' });
    expect(await errorOf('startExport', request)).toMatchObject({ code: 'teacher-not-you' });
    // Matching would tell whether a student is in that class's SIS roster.
    const match = { courseId: COURSE, studentKey: 'id:1', accountEmail: me() };
    expect(await errorOf('setStudentMatch', { ...match, sisStudentId: 'x' })).toMatchObject({
      code: 'teacher-not-you',
    });
    expect(await errorOf('resetStudentMatch', match)).toMatchObject({ code: 'teacher-not-you' });
    // Unlinking only forgets this browser's link: the way back to one's own class.
    expect(await errorOf('unlinkClass', { courseId: COURSE })).toBeUndefined();
    expect(sisRequests()).toBe(0);
    expect(writes()).toEqual([]);
  });
});

describe('the admin’s override', () => {
  it('is off by default, can be saved by the admin, and is refused when the policy sets it', async () => {
    expect(await scene.h.send('getAdminState', {}, OPTIONS_SENDER)).toMatchObject({
      data: { allowTeacherOverride: false },
    });
    expect(
      await scene.h.send('saveTeacherPermission', { allowTeacherOverride: true }, OPTIONS_SENDER),
    ).toMatchObject({ ok: true, data: { allowTeacherOverride: true, exportEnabled: true } });
    scene.h.policy = { allowTeacherOverride: false };
    expect(
      await scene.h.send('saveTeacherPermission', { allowTeacherOverride: true }, OPTIONS_SENDER),
    ).toMatchObject({ ok: false, error: { code: 'managed-locked' } });
    expect(await scene.h.send('getAdminState', {}, OPTIONS_SENDER)).toMatchObject({
      data: { allowTeacherOverride: false, managed: { fields: ['allowTeacherOverride'] } },
    });
  });

  it('lets the teacher work with another SIS teacher’s class and records it in the history', async () => {
    const other = otherTeacher();
    await scene.h.send('saveTeacherPermission', { allowTeacherOverride: true }, OPTIONS_SENDER);
    const state = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
    });
    expect(state.access.teacherOverrideAllowed).toBe(true);

    const { found, after } = await linkAndExport(other.email, other.classId);
    expect(found.teacher.sourcedId).toBe(other.sourcedId);
    expect(writes().length).toBeGreaterThan(0);
    expect(after.history[0]).toMatchObject({
      state: 'completed',
      override: { account: me(), sisTeacher: other.email },
    });
  });

  it('records no override when the teacher exports their own class', async () => {
    await scene.h.send('saveTeacherPermission', { allowTeacherOverride: true }, OPTIONS_SENDER);
    const { after } = await linkAndExport(me(), scene.classId);
    expect(after.history[0]?.state).toBe('completed');
    expect(after.history[0]).not.toHaveProperty('override');
  });
});

describe('an export for another SIS teacher, cut off by a stopped worker', () => {
  it('is not continued at the next start once the admin has turned the override off', async () => {
    const other = otherTeacher();
    await scene.h.send('saveTeacherPermission', { allowTeacherOverride: true }, OPTIONS_SENDER);
    const found = await scene.h.ask<ReplyOf<'findTeacherClasses'>>('findTeacherClasses', {
      courseId: COURSE,
      email: other.email,
      accountEmail: me(),
    });
    await scene.h.ask('linkClass', {
      courseId: COURSE,
      sisClassId: other.classId,
      teacherSourcedId: found.teacher.sourcedId,
      teacherEmail: other.email,
      accountEmail: me(),
    });
    scene.sis.setFaults({ latencyMs: 40 });
    try {
      await scene.h.ask('startExport', {
        courseId: COURSE,
        snapshot: withAccount(snapshot(), me()),
        choices: NO_CHOICES,
      });
      // What a stopped worker leaves: the journal as it stood, still 'running'.
      const left = await scene.h.runtime.store.load(COURSE);
      scene.h.runtime.runner.cancel(COURSE);
      await scene.h.waitForExport(COURSE);
      if (!left) throw new Error('no journal');
      await scene.h.runtime.store.save(left);
    } finally {
      scene.sis.setFaults({ latencyMs: 0 });
    }

    await scene.h.send('saveTeacherPermission', { allowTeacherOverride: false }, OPTIONS_SENDER);
    const restarted = createHarness(scene.sis);
    expect(await restarted.runtime.resumeUnfinished()).toEqual([]);
    expect(restarted.runtime.runner.isRunning(COURSE)).toBe(false);

    await scene.h.send('saveTeacherPermission', { allowTeacherOverride: true }, OPTIONS_SENDER);
    const allowed = createHarness(scene.sis);
    expect(await allowed.runtime.resumeUnfinished()).toEqual([COURSE]);
    await allowed.waitForExport(COURSE);
  });
});
