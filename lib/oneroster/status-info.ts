/**
 * The `imsx_StatusInfo` payload OneRoster servers send with errors (IMS OpenAPI
 * imsx_StatusInfo.Type). Read leniently: servers wrap it differently (bare, under
 * `imsx_StatusInfo`, or in a `statusInfoSet` array) and spell `imsx_CodeMinor` in either case.
 */
import { z } from '../zod';
import { optional } from './schemas-common';

const CodeMinorFieldSchema = z.object({
  imsx_codeMinorFieldName: optional(z.string()),
  imsx_codeMinorFieldValue: optional(z.string()),
});
const CodeMinorSchema = z.object({
  imsx_codeMinorField: optional(
    z.union([
      z.array(CodeMinorFieldSchema),
      z.pipe(
        CodeMinorFieldSchema,
        z.transform((one: z.output<typeof CodeMinorFieldSchema>) => [one]),
      ),
    ]),
  ),
});

/** The raw status payload as servers send it. */
export const StatusInfoSchema = z.object({
  imsx_codeMajor: optional(z.string()),
  imsx_severity: optional(z.string()),
  imsx_description: optional(z.string()),
  imsx_CodeMinor: optional(CodeMinorSchema),
  imsx_codeMinor: optional(CodeMinorSchema),
});

/** The parts of a status payload the client and its error messages use. */
export interface StatusInfo {
  codeMajor?: string;
  severity?: string;
  /** The server's human-readable explanation, shown to the user for rejected data. */
  description?: string;
  /** The codeMinor values, e.g. `invaliddata`, `unknownobject`, `unauthorisedrequest`. */
  codeMinor: string[];
}

function candidates(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null) return [];
  const record = body as Record<string, unknown>;
  const set = record.statusInfoSet ?? record.imsx_statusInfoSet;
  return [
    record.imsx_StatusInfo,
    record.imsx_statusInfo,
    ...(Array.isArray(set) ? set : []),
    record,
  ];
}

/** The status payload inside a parsed JSON body, or undefined when there is none. */
export function readStatusInfo(body: unknown): StatusInfo | undefined {
  for (const candidate of candidates(body)) {
    const parsed = StatusInfoSchema.safeParse(candidate);
    if (!parsed.success) continue;
    const info = parsed.data;
    const minor = info.imsx_CodeMinor ?? info.imsx_codeMinor;
    if (!info.imsx_codeMajor && !info.imsx_description && !minor) continue;
    return {
      codeMajor: info.imsx_codeMajor,
      severity: info.imsx_severity,
      description: info.imsx_description,
      codeMinor: (minor?.imsx_codeMinorField ?? [])
        .map((field) => field.imsx_codeMinorFieldValue)
        .filter((value): value is string => Boolean(value)),
    };
  }
  return undefined;
}
