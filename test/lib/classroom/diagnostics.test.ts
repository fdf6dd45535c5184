// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describePage, shapeHref, shapeText } from '@/lib/classroom/diagnostics';
import { buildLargeGradesPage } from '../../fixtures/classroom/large-class';
import { COURSEWORK } from './expected-coursework';
import { STUDENT_ROWS } from './expected-snapshots';
import { FIXTURES, type FixtureName, loadFixture, parseHtml } from './fixtures';

// Everything a person typed or a grade: none of it may leave the page.
const PRIVATE = [
  ...STUDENT_ROWS.flatMap((student) => [student.name, student.email ?? '']),
  ...STUDENT_ROWS.flatMap((student) => student.name.split(' ')),
  ...COURSEWORK.en.map((item) => item.title),
  ...COURSEWORK.nl.map((item) => item.title),
  'Biology',
  'Biologie',
  'Period 3',
  'Alex Rivera',
  'Anouk',
  'alex.rivera@school.example',
  'a.devries@school.example',
  'Old Student',
  'NTk2MTc3NzQ1NDY4',
  '596177745468',
  // grades-table-u2 (issue #13)
  'Física',
  'cuatrimestre',
  'Elena Ramírez',
  'eramirez@riverside.example',
  'José Álvarez',
  'Lab report: pendulum',
  'pendulum',
  'Reading notes',
  'NzM0NTEyOTA4ODEy',
  '734512908812',
].filter((text) => text.length > 2);

describe.each(Object.keys(FIXTURES) as FixtureName[])('describePage(%s)', (name) => {
  const { doc } = loadFixture(name);
  const text = describePage(doc, new URL(FIXTURES[name]).pathname);
  const outline = text.slice(text.indexOf('outline:'));

  it('names no person, title, email or id', () => {
    const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const secret of PRIVATE) {
      expect(text).not.toMatch(new RegExp(`(?<![\\p{L}])${escapeRegExp(secret)}(?![\\p{L}])`, 'u'));
    }
  });

  it('shows no number but repeat counts (so no grades)', () => {
    // Heading tags (h2) and repeat counts (×8) are the only digits allowed.
    const lines = outline
      .split('\n')
      .map((line) => line.replace(/ ×\d+$/, '').replace(/^(\s*)h[1-6]\b/, '$1h'));
    expect(lines.filter((line) => /\d/.test(line))).toEqual([]);
  });

  it('keeps the structure a selector fix needs', () => {
    expect(text).toContain('path: /');
    expect(text).toMatch(/lang: (en|nl)/);
    expect(text).toMatch(/view: 3 \(visible 1\)/);
    expect(outline).toContain('c-wiz{display:none}');
    expect(outline).toMatch(/\[aria-label="Google[- ][Aa]ccount: (?:w )+\(@\)"\]/);
    expect(outline).toContain('{data: ');
  });
});

describe('describePage reader section', () => {
  const section = (text: string) =>
    text.slice(text.indexOf('reader:'), text.indexOf('selector matches:'));

  it('says what a read finds, in counts only, with rows rendered against the class total', () => {
    const { doc } = loadFixture('grades-table-u2');
    const text = section(describePage(doc, new URL(FIXTURES['grades-table-u2']).pathname));
    expect(text).toContain('readiness: ready (visibility visible)');
    expect(text).toContain('views under body: 3, active: #3');
    expect(text).toContain('page: grades, read: ok');
    expect(text).toContain('coursework: 3, students: 3, cells: 9');
    expect(text).toContain('student rows without an id link (keyed by name): 0');
    expect(text).toContain('rows rendered: 3 of unknown');
  });

  it('says when rows had no student link, and never names them', () => {
    const { doc } = loadFixture('grades-table-u2');
    for (const link of doc.querySelectorAll('tbody th a')) link.replaceWith(link.textContent ?? '');
    const text = describePage(doc, new URL(FIXTURES['grades-table-u2']).pathname);
    expect(section(text)).toContain('student rows without an id link (keyed by name): 3');
    expect(text).not.toMatch(/Liam|Chen|Pérez|Álvarez/);
  });

  it('says when the view is busy and why a read fails', () => {
    const { doc } = loadFixture('grades-busy');
    expect(section(describePage(doc, '/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default'))).toContain(
      'readiness: view-busy',
    );
    const empty = parseHtml('<body><c-wiz aria-busy="true"></c-wiz></body>');
    const text = section(describePage(empty, '/c/NTk2MTc3NzQ1NDY4/gb/sort-last-name/default'));
    expect(text).toContain('active: #1 (aria-busy)');
    expect(text).toContain('read fails: no-grid');
  });
});

describe('describePage limits', () => {
  it('stays bounded on a large class', () => {
    // 60 × 30 keeps happy-dom quick; the 200 × 100 page runs in Chromium (npm run bench:read).
    const doc = parseHtml(buildLargeGradesPage({ students: 60, coursework: 30 }).html);
    const text = describePage(doc, '/c/ODQxNjY5MTU2NzQ0/gb/sort-last-name/default', {
      maxDepth: 40,
      maxLines: 300,
    });
    expect(text.split('\n').length).toBeLessThan(340);
    expect(text).toMatch(/… \d+ more lines$/);
    expect(text).toContain('gridCell: 1860 (visible 1860)');
  });
});

describe('shapeText', () => {
  it.each([
    ['Google Account: Jane Doe\n(jane@x.org)', 'Google Account: w w (@)'],
    ['0 out of 10 Draft•Missing', '# out of # Draft•Missing'],
    ['Zoë Müller', 'w w'],
    ["Siobhán O'Brien", 'w w'],
    ['8,5 van de 10', '# w w #'], // particles like "de" are name parts too
    ['Anouk de Vries', 'w w w'],
    ['日本語 テスト', 'w w'],
  ])('%j → %j', (text, shape) => {
    expect(shapeText(text)).toBe(shape);
  });

  it('never lets a digit or a made-up word through', () => {
    // No interface word contains a "q": a word with one must come out as "w".
    const word = fc.stringMatching(/^[a-zà-ÿ]{0,5}q[a-zà-ÿ]{0,5}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(word, fc.string({ maxLength: 8 }))), (parts) => {
        const shape = shapeText(parts.join(' '));
        expect(shape).not.toMatch(/\d|q/i);
      }),
    );
  });
});

describe('shapeHref', () => {
  it.each([
    ['/c/NTk2MTc3NzQ1NDY4/a/MTUwNjQ3NDA3NDIy/details', '/c/:id/a/:id/details'],
    ['/u/1/r/NTk2MTc3NzQ1NDY4/sort-last-name', '/u/#/r/:id/sort-last-name'],
    [
      'https://accounts.google.com/SignOutOptions?hl=en&continue=x',
      '//accounts.google.com/SignOutOptions?…',
    ],
    ['/c/NTk2/sp/jane.doe/all#x', '/c/:id/sp/:id/all?…'],
  ])('%j → %j', (href, shape) => {
    expect(shapeHref(href)).toBe(shape);
  });
});

describe("the last preview's page/API disagreements", () => {
  const { doc } = loadFixture('grades-en');
  const path = new URL(FIXTURES['grades-en']).pathname;

  it("are listed by shape only: no score, name or id, Google's state kept", () => {
    const text = describePage(doc, path, undefined, [
      { page: '9 out of 10', api: 'RETURNED · grade 5 · draft 5' },
      { page: 'Alex Rivera 85', api: 'CREATED · late' },
    ]);
    const section = text.slice(text.indexOf('page vs Classroom API'), text.indexOf('outline:'));
    expect(section.split('\n').slice(0, 3)).toEqual([
      'page vs Classroom API, last preview: 2 cell(s) disagree',
      '  page "# out of #" · API "RETURNED · grade # · draft #"',
      '  page "w w #" · API "CREATED · late"',
    ]);
  });

  it('say none when the preview had none, and are capped', () => {
    expect(describePage(doc, path)).toContain('last preview: 0 cell(s) disagree');
    const many = Array.from({ length: 30 }, () => ({ page: '1', api: 'RETURNED · grade 2' }));
    const text = describePage(doc, path, undefined, many);
    expect(text).toContain('last preview: 30 cell(s) disagree');
    expect(text.match(/^ {2}page "/gm)).toHaveLength(20);
  });
});
