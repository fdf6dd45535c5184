/** The demo district: deterministic per seed, with the shapes and edge cases demos rely on. */
import { describe, expect, it } from 'vitest';
import { generateDistrict } from '../../sandbox/district.ts';
import { seededCredentials } from '../../sandbox/options.ts';
import { startSandbox } from '../../sandbox/server.ts';
import { makeClient } from './test-client.ts';

const options = { seed: 42, students: 80, classes: 9, schoolYear: 2026 };

describe('demo district', () => {
  it('is a pure function of its options', () => {
    expect(generateDistrict(options)).toEqual(generateDistrict(options));
    expect(generateDistrict({ ...options, seed: 43 })).not.toEqual(generateDistrict(options));
    expect(seededCredentials(42)).toEqual(seededCredentials(42));
  });

  it('serves identical data from two sandboxes with the same seed', async () => {
    const [a, b] = await Promise.all([startSandbox(options), startSandbox(options)]);
    try {
      const read = async (s: typeof a) => {
        const body = (await (await makeClient(s, 'oauth1')).get('/users', { limit: 10000 })).body;
        return JSON.stringify(body).replaceAll(s.origin, 'ORIGIN');
      };
      expect(await read(a)).toBe(await read(b));
      expect(a.credentials).toEqual(b.credentials);
      expect(a.teacherEmail).toBe(b.teacherEmail);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('has the district, schools, sessions and categories', () => {
    const d = generateDistrict(options);
    const orgs = [...d.orgs.values()];
    expect(orgs.map((o) => [o.type, o.name])).toEqual([
      ['district', 'Riverside Unified School District'],
      ['school', 'Riverside High School'],
      ['school', 'Riverside Middle School'],
    ]);
    const sessions = [...d.academicSessions.values()];
    expect(sessions.filter((s) => s.type === 'schoolYear')).toHaveLength(1);
    const terms = sessions.filter((s) => s.type === 'term');
    expect(terms).toHaveLength(2);
    for (const term of terms) {
      const periods = sessions.filter((s) => s.parent?.sourcedId === term.sourcedId);
      expect(periods.map((p) => p.type)).toEqual(['gradingPeriod', 'gradingPeriod']);
      for (const p of periods)
        expect(p.startDate >= term.startDate && p.endDate <= term.endDate).toBe(true);
    }
    expect(sessions.every((s) => s.schoolYear === '2026')).toBe(true);
    expect([...d.categories.values()].map((c) => c.title)).toEqual([
      'Homework',
      'Quizzes',
      'Tests',
      'Projects',
    ]);
  });

  it('gives the default teacher several active classes and one tobedeleted', () => {
    const d = generateDistrict(options);
    const teacher = d.users.get(d.defaultTeacherId);
    expect(teacher).toMatchObject({ role: 'teacher', email: 'eramirez@riversideusd.example.org' });
    const classIds = [...d.enrollments.values()]
      .filter((e) => e.user.sourcedId === d.defaultTeacherId)
      .map((e) => e.class.sourcedId);
    const statuses = classIds.map((id) => d.classes.get(id)?.status);
    expect(statuses.filter((s) => s === 'active').length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s === 'tobedeleted')).toHaveLength(1);
  });

  it('puts the accented and apostrophe names in the first class, with ASCII emails', () => {
    const d = generateDistrict(options);
    const first = [...d.classes.values()][0];
    const roster = [...d.enrollments.values()]
      .filter((e) => e.class.sourcedId === first?.sourcedId && e.role === 'student')
      .map((e) => d.users.get(e.user.sourcedId));
    expect(roster.slice(0, 3).map((u) => `${u?.givenName} ${u?.familyName} <${u?.email}>`)).toEqual(
      [
        'Zoë Müller <zoe.muller@students.riversideusd.example.org>',
        'José Álvarez <jose.alvarez@students.riversideusd.example.org>',
        "Siobhán O'Brien <siobhan.obrien@students.riversideusd.example.org>",
      ],
    );
    const emails = [...d.users.values()].map((u) => u.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((e) => /^[a-z0-9.]+@[a-z.]+$/.test(e))).toBe(true);
  });

  it('scales with --students and --classes', () => {
    const d = generateDistrict({ ...options, students: 500, classes: 30 });
    expect([...d.users.values()].filter((u) => u.role === 'student')).toHaveLength(500);
    expect(d.classes.size).toBe(30);
    const tiny = generateDistrict({ ...options, students: 0, classes: 1 });
    expect(tiny.classes.size).toBe(1);
  });
});
