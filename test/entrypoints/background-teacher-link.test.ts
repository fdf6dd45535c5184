/**
 * Finding the teacher and their classes in the SIS, and linking one: each refusal with its code
 * and actionable text; the link re-checked in the SIS; unlinking keeps the history.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReplyOf } from '@/lib/messaging/replies';
import {
  COURSE,
  errorOf,
  linkRequest,
  NO_CHOICES,
  setUpTeacherBackground,
  snapshot,
  teacherId,
} from './teacher-background';

const scene = setUpTeacherBackground();

describe('finding and linking the SIS class', () => {
  beforeEach(() => scene.h.connect());

  it('lists the teacher’s active classes with codes and term titles, not the dropped one', async () => {
    const found = await scene.h.ask<ReplyOf<'findTeacherClasses'>>('findTeacherClasses', {
      courseId: COURSE,
      email: scene.sis.teacherEmail.toUpperCase(),
    });
    expect(found.teacher).toEqual({
      sourcedId: teacherId(),
      name: 'Elena Ramírez',
      email: scene.sis.teacherEmail,
    });
    expect(found.classes).toHaveLength(3);
    expect(found.classes).toContainEqual(
      expect.objectContaining({
        sourcedId: scene.classId,
        termTitles: ['Fall 2025', 'Spring 2026'],
      }),
    );
    const dropped = [...scene.sis.data.classes.values()].find((c) => c.status === 'tobedeleted');
    expect(found.classes.map((c) => c.sourcedId)).not.toContain(dropped?.sourcedId);
  });

  it('says when no teacher has the email, or the teacher has no classes', async () => {
    scene.h.signedIn = 'nobody@example.org';
    expect(
      await errorOf('findTeacherClasses', { courseId: COURSE, email: 'nobody@example.org' }),
    ).toEqual({
      code: 'teacher-not-found',
      message: expect.stringMatching(/nobody@example\.org.*Check the email address/),
    });
    // A teacher with no classes, found by an email typed in capitals.
    const teacher = scene.sis.data.users.get(teacherId());
    if (!teacher) throw new Error('no teacher');
    const idle = { ...teacher, sourcedId: 'idle-teacher', email: 'idle@riverside.example.org' };
    scene.sis.data.users.set(idle.sourcedId, idle);
    scene.h.signedIn = idle.email;
    try {
      expect(
        await errorOf('findTeacherClasses', {
          courseId: COURSE,
          email: 'IDLE@riverside.example.org',
        }),
      ).toEqual({
        code: 'no-classes',
        message: expect.stringContaining('The SIS lists no active classes for IDLE@'),
      });
    } finally {
      scene.sis.data.users.delete(idle.sourcedId);
    }
  });

  it('refuses an email two active SIS teachers share, and ignores a dropped one', async () => {
    const teacher = scene.sis.data.users.get(teacherId());
    if (!teacher) throw new Error('no teacher');
    const twin = { ...teacher, sourcedId: 'twin-teacher' };
    twin.status = 'tobedeleted';
    scene.sis.data.users.set(twin.sourcedId, twin);
    try {
      await expect(
        scene.h.ask('findTeacherClasses', { courseId: COURSE, email: teacher.email }),
      ).resolves.toMatchObject({ teacher: { sourcedId: teacher.sourcedId } });
      twin.status = 'active';
      expect(
        await errorOf('findTeacherClasses', { courseId: COURSE, email: teacher.email }),
      ).toMatchObject({
        code: 'teacher-ambiguous',
        message: expect.stringContaining('more than one teacher'),
      });
    } finally {
      scene.sis.data.users.delete(twin.sourcedId);
    }
  });

  it('links after checking the class in the SIS, and refuses a class that is not the teacher’s', async () => {
    const foreign = [...scene.sis.data.classes.values()].find(
      (c) =>
        ![...scene.sis.data.enrollments.values()].some(
          (e) => e.class.sourcedId === c.sourcedId && e.user.sourcedId === teacherId(),
        ),
    );
    expect(await errorOf('linkClass', linkRequest(foreign?.sourcedId))).toMatchObject({
      code: 'class-not-yours',
    });
    const someoneElse = { ...linkRequest(), teacherSourcedId: foreign ? 'another-teacher' : '' };
    expect(await errorOf('linkClass', someoneElse)).toMatchObject({ code: 'class-not-yours' });

    const link = await scene.h.ask<ReplyOf<'linkClass'>>('linkClass', linkRequest());
    const klass = scene.sis.data.classes.get(scene.classId);
    expect(link).toMatchObject({
      sisClassId: scene.classId,
      title: klass?.title,
      classCode: klass?.classCode,
      teacherEmail: scene.sis.teacherEmail,
    });
    const state = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
    });
    expect(state.link).toEqual(link);
  });

  it('unlinks and keeps the export history', async () => {
    await scene.h.ask('linkClass', linkRequest());
    await scene.h.ask('startExport', {
      courseId: COURSE,
      snapshot: snapshot(),
      choices: NO_CHOICES,
    });
    await scene.h.waitForExport(COURSE);
    const state = await scene.h.ask<ReplyOf<'unlinkClass'>>('unlinkClass', { courseId: COURSE });
    expect(state.link).toBeNull();
    expect(state.history).toHaveLength(1);
    expect(
      await errorOf('previewExport', {
        courseId: COURSE,
        snapshot: snapshot(),
        choices: NO_CHOICES,
      }),
    ).toMatchObject({
      code: 'not-linked',
      message: 'This class is not linked to an SIS class yet. Link it first.',
    });
  });
});
