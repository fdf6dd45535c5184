/**
 * The words Classroom shows in Grades-page cells, in English and Dutch. Page: Grades.
 *
 * Provenance, per word (shared/reference/classroom-research.md §2, "Grades tab"):
 * - [verified] English cell text from a public parser of the copied Grades page: "85 out of
 *   100", "AssignedNo grade", "/20No grade" then "Done late", "0 out of 10 Draft•Missing",
 *   "Excused". Student-status words "Turned in", "Turned in late", "Returned", "Done" come from
 *   the student view's status labels (research §2 table), assumed to be reused in cells.
 * - [verified as Classroom Dutch] "Toegewezen", "Ingeleverd", "Beoordeeld", "Teruggegeven": the
 *   work statuses in Google's Dutch teacher help (support.google.com/edu/classroom/answer/6020294
 *   ?hl=nl); "90 van de 100 punten" and "90/100" in the Dutch grading help (answer/9184995?hl=nl).
 *   That these exact words appear in Grades cells is [assumed].
 * - [assumed] every other Dutch word: "Concept" (draft), "Ontbreekt" (missing), "Vrijgesteld"
 *   (excused), "Te laat ingeleverd" (done late), "Geen cijfer" (no grade), "Klaar" (done), and
 *   the separators "van de", "van", "uit". Confirm against a Dutch Classroom and edit here.
 * The parser accepts both languages at once (no word means different things in the two), so it
 * does not depend on the page's `lang`.
 */

/** What a cell word tells about the submission. */
export interface CellWordMeaning {
  draft?: true;
  missing?: true;
  excused?: true;
  late?: true;
  turnedIn?: true;
  assigned?: true;
  noGrade?: true;
  graded?: true;
}

/** Cell words, lower case. Longer phrases are tried first by the parser. */
export const CELL_WORDS: Readonly<Record<string, CellWordMeaning>> = {
  // English [verified, see above]
  draft: { draft: true },
  missing: { missing: true },
  excused: { excused: true },
  'done late': { turnedIn: true, late: true },
  'turned in late': { turnedIn: true, late: true },
  'turned in': { turnedIn: true },
  done: { turnedIn: true },
  returned: { graded: true },
  assigned: { assigned: true },
  'no grade': { noGrade: true },
  // English [assumed]: a bare late marker and the Student-work "Graded" status
  late: { late: true },
  graded: { graded: true },
  // Dutch [verified as Classroom Dutch status words; assumed in cells]
  toegewezen: { assigned: true },
  ingeleverd: { turnedIn: true },
  beoordeeld: { graded: true },
  teruggegeven: { graded: true },
  // Dutch [assumed]
  concept: { draft: true },
  conceptcijfer: { draft: true },
  ontbreekt: { missing: true },
  ontbrekend: { missing: true },
  vrijgesteld: { excused: true },
  'te laat ingeleverd': { turnedIn: true, late: true },
  'laat ingeleverd': { turnedIn: true, late: true },
  'te laat': { late: true },
  klaar: { turnedIn: true },
  'geen cijfer': { noGrade: true },
};

/**
 * Words between a score and its maximum: "85 out of 100" [verified], "85/100" [verified],
 * "85 van de 100" / "85 van 100" / "85 uit 100" [assumed].
 */
export const OUT_OF_WORDS = ['out of', 'van de', 'van', 'uit', '/'] as const;

/** Characters Classroom puts between cell words ("Draft•Missing" [verified]). */
export const CELL_SEPARATORS = /[\s•·|]+/y;
