/**
 * OneRoster's error payload (imsx_StatusInfo.Type in the 1.1 OpenAPI, research §G) and the
 * exception handlers throw to produce it. Code-minor values: the 1.1 enum (invaliddata,
 * unknownobject, unauthorisedrequest, ...) plus the spellings 1.1 lacks but the IMS FAQ and 1.2
 * use (invalid_filter_field, forbidden, server_busy, internal_server_error), so a client's error
 * parser meets every variant it will see in the field.
 */

export type CodeMinor =
  | 'invalid_filter_field'
  | 'invalid_sort_field'
  | 'invalid_selection_field'
  | 'invaliddata'
  | 'unauthorisedrequest'
  | 'forbidden'
  | 'unknownobject'
  | 'unsupportedoperation'
  | 'server_busy'
  | 'internal_server_error';

export interface ImsxStatusInfo {
  imsx_codeMajor: 'failure';
  imsx_severity: 'error';
  /** 1.1 only: 1.2's imsx_StatusInfoDType dropped it (additionalProperties false). */
  imsx_messageRefIdentifier?: string;
  imsx_description: string;
  imsx_CodeMinor: {
    imsx_codeMinorField: Array<{
      imsx_codeMinorFieldName: string;
      imsx_codeMinorFieldValue: CodeMinor;
    }>;
  };
}

/** Code-minor values 1.2 dropped, mapped to the nearest value its vocabulary still has. */
const V1P2_CODE_MINOR: Partial<Record<CodeMinor, CodeMinor>> = {
  unsupportedoperation: 'unknownobject',
  invalid_sort_field: 'invalid_selection_field',
};

/** The 1.1 payload with `messageRef`; the 1.2 one (imsx_StatusInfoDType) without it. */
export function imsxBody(
  codeMinor: CodeMinor,
  description: string,
  messageRef: string | undefined,
): ImsxStatusInfo {
  const value = messageRef === undefined ? (V1P2_CODE_MINOR[codeMinor] ?? codeMinor) : codeMinor;
  return {
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    // Required by the 1.1 schema; a per-request id also helps match a client log to ours.
    ...(messageRef === undefined ? {} : { imsx_messageRefIdentifier: messageRef }),
    imsx_description: description,
    imsx_CodeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: value },
      ],
    },
  };
}

/** Thrown anywhere in request handling; the server turns it into an imsx response. */
export class ImsxError extends Error {
  constructor(
    readonly status: number,
    readonly codeMinor: CodeMinor,
    description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

export const badRequest = (description: string, codeMinor: CodeMinor = 'invaliddata') =>
  new ImsxError(400, codeMinor, description);

export const notFound = (what: string, id: string) =>
  new ImsxError(404, 'unknownobject', `${what} '${id}' does not exist`);

/** One problem per field: "lineItem.class.sourcedId: is required". */
export type Problem = { field: string; message: string };

/** 1.2's answer to a well-formed write that names something wrong (a semantic error). */
export const unprocessable = (description: string) =>
  new ImsxError(422, 'invaliddata', description);

export function invalidBody(problems: Problem[]): ImsxError {
  const text = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new ImsxError(400, 'invaliddata', `invalid request body: ${text}`);
}
