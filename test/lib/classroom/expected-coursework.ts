/**
 * The coursework columns of the hand-built Grades fixtures (test/fixtures/classroom/), written
 * out independently of the readers: an ungraded column without a points line, one labelled
 * "Ungraded", extra credit, two columns titled "Quiz 1", and a 230-character title.
 */
import type { Coursework } from '@/lib/classroom/model';

const LONG_EN =
  'Unit 2 project: Research, design and present an experiment that measures how temperature, light intensity and carbon dioxide concentration each affect the rate of photosynthesis in aquatic plants (group work, with individual reflection)';
const LONG_NL =
  'Project hoofdstuk 2: onderzoek, ontwerp en presenteer een experiment dat meet hoe temperatuur, lichtintensiteit en koolstofdioxideconcentratie elk de snelheid van fotosynthese bij waterplanten beïnvloeden (groepswerk, met individuele reflectie)';

/** Coursework ids (numeric, and as in links), in column order. */
export const COURSEWORK_IDS = {
  essay: { id: '150647407422', urlId: 'MTUwNjQ3NDA3NDIy' },
  lab: { id: '150647407501', urlId: 'MTUwNjQ3NDA3NTAx' },
  log: { id: '150647407588', urlId: 'MTUwNjQ3NDA3NTg4' },
  quiz1: { id: '150647407634', urlId: 'MTUwNjQ3NDA3NjM0' },
  quiz1b: { id: '150647407699', urlId: 'MTUwNjQ3NDA3Njk5' },
  project: { id: '150647407712', urlId: 'MTUwNjQ3NDA3NzEy' },
  extra: { id: '150647407845', urlId: 'MTUwNjQ3NDA3ODQ1' },
  talk: { id: '150647407903', urlId: 'MTUwNjQ3NDA3OTAz' },
};

/** The coursework columns, per language. */
export const COURSEWORK: Record<'en' | 'nl', Coursework[]> = {
  en: [
    {
      ...COURSEWORK_IDS.essay,
      title: 'Essay: The Water Cycle',
      maxPoints: 100,
      dueDate: { month: 9, day: 12 },
      category: 'Homework',
    },
    {
      ...COURSEWORK_IDS.lab,
      title: 'Lab report – Photosynthesis',
      maxPoints: 20,
      dueDate: { year: 2025, month: 9, day: 19 },
      category: 'Labs',
    },
    { ...COURSEWORK_IDS.log, title: 'Reading log', maxPoints: null },
    {
      ...COURSEWORK_IDS.quiz1,
      title: 'Quiz 1',
      maxPoints: 10,
      dueDate: { month: 10, day: 3 },
      category: 'Quizzes',
    },
    {
      ...COURSEWORK_IDS.quiz1b,
      title: 'Quiz 1',
      maxPoints: 10,
      dueDate: { month: 10, day: 10 },
      category: 'Quizzes',
    },
    { ...COURSEWORK_IDS.project, title: LONG_EN, maxPoints: 50 },
    {
      ...COURSEWORK_IDS.extra,
      title: 'Extra credit: Field trip journal',
      maxPoints: 10,
      dueDate: { month: 11, day: 7 },
      category: 'Extra credit',
    },
    {
      ...COURSEWORK_IDS.talk,
      title: 'Class discussion: ethics of gene editing',
      maxPoints: null,
      dueDate: { month: 11, day: 14 },
    },
  ],
  nl: [
    {
      ...COURSEWORK_IDS.essay,
      title: 'Werkstuk: de waterkringloop',
      maxPoints: 100,
      dueDate: { month: 9, day: 12 },
      category: 'Huiswerk',
    },
    {
      ...COURSEWORK_IDS.lab,
      title: 'Practicumverslag – fotosynthese',
      maxPoints: 20,
      dueDate: { year: 2025, month: 9, day: 19 },
      category: 'Practicum',
    },
    { ...COURSEWORK_IDS.log, title: 'Leeslogboek', maxPoints: null },
    {
      ...COURSEWORK_IDS.quiz1,
      title: 'Toets 1',
      maxPoints: 10,
      dueDate: { month: 10, day: 3 },
      category: 'Toetsen',
    },
    {
      ...COURSEWORK_IDS.quiz1b,
      title: 'Toets 1',
      maxPoints: 10,
      dueDate: { month: 10, day: 10 },
      category: 'Toetsen',
    },
    { ...COURSEWORK_IDS.project, title: LONG_NL, maxPoints: 50 },
    {
      ...COURSEWORK_IDS.extra,
      title: 'Extra punten: excursiedagboek',
      maxPoints: 10,
      dueDate: { month: 11, day: 7 },
      category: 'Extra punten',
    },
    {
      ...COURSEWORK_IDS.talk,
      title: 'Klassengesprek: ethiek van genbewerking',
      maxPoints: null,
      dueDate: { month: 11, day: 14 },
    },
  ],
};
