/**
 * OneRoster 1.1 filter expressions (`filter=<field><op>'<value>'`, at most one AND/OR).
 *
 * The 1.1 spec defines no escape for a quote inside a value. Doubling it (`O''Brien`) is the SQL
 * convention servers built on SQL accept, and it can never end the quoted value early, so a
 * crafted value cannot inject a second predicate. Values that cannot be sent safely at all
 * (control characters, unpaired surrogates) are rejected with a FilterError instead.
 * The result is the raw expression; `buildUrl` percent-encodes it as the `filter` query value.
 */

/** Comparison operators of OneRoster 1.1 (`~` is "contains"). */
export type FilterOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

/** One `field<op>'value'` comparison. */
export interface Predicate {
  readonly kind: 'predicate';
  readonly text: string;
}

/** A complete filter: one predicate, or two joined by AND or OR (the 1.1 maximum). */
export interface Filter {
  readonly kind: 'predicate' | 'logical';
  readonly text: string;
}

/** A field name or value the filter syntax cannot carry. */
export class FilterError extends Error {
  override name = 'FilterError';
}

type FilterValue = string | number | boolean;

// Dotted names (`class.sourcedId`) are accepted by some servers; anything else would need quoting
// the spec does not have.
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
// C0/C1 controls (NUL, CR, LF…) are not meaningful in roster data and break naive servers' parsers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The quoted form of a value: `'…'` with every apostrophe doubled. */
export function quoteValue(value: FilterValue): string {
  const text = String(value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new FilterError(`Filter value must be a finite number: ${text}`);
  }
  if (CONTROL.test(text)) throw new FilterError('Filter value contains a control character');
  if (!text.isWellFormed()) throw new FilterError('Filter value contains an unpaired surrogate');
  return `'${text.replaceAll("'", "''")}'`;
}

/** `field op 'value'`, e.g. `compare('dateLastModified', '>', '2024-01-01')`. */
export function compare(field: string, operator: FilterOperator, value: FilterValue): Predicate {
  if (!FIELD.test(field)) throw new FilterError(`Not a OneRoster field name: ${field}`);
  return { kind: 'predicate', text: `${field}${operator}${quoteValue(value)}` };
}

/** `field='value'`. */
export const eq = (field: string, value: FilterValue) => compare(field, '=', value);
/** `field!='value'`. */
export const ne = (field: string, value: FilterValue) => compare(field, '!=', value);
/** `field~'value'` (contains). */
export const contains = (field: string, value: string) => compare(field, '~', value);

/** `a AND b`. OneRoster 1.1 allows one logical operator, so this takes exactly two predicates. */
export function and(left: Predicate, right: Predicate): Filter {
  return { kind: 'logical', text: `${left.text} AND ${right.text}` };
}

/** `a OR b` (same 1.1 limit as `and`). */
export function or(left: Predicate, right: Predicate): Filter {
  return { kind: 'logical', text: `${left.text} OR ${right.text}` };
}
