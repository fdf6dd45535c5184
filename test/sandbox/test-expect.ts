/** Shared assertion for the sandbox tests: a reply is a OneRoster imsx error with this status. */
import { expect } from 'vitest';
import type { Reply } from './test-client.ts';

export function expectImsx(reply: Reply, status: number, codeMinor: string, description?: RegExp) {
  expect(reply.status).toBe(status);
  expect(reply.body).toMatchObject({
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_messageRefIdentifier: expect.any(String),
    imsx_description: expect.any(String),
    imsx_CodeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
      ],
    },
  });
  if (description) expect(reply.body.imsx_description).toMatch(description);
}

/** A OneRoster 1.2 imsx error: imsx_StatusInfoDType, which has no imsx_messageRefIdentifier. */
export function expectImsxV1p2(
  reply: Reply,
  status: number,
  codeMinor: string,
  description?: RegExp,
) {
  expect(reply.status).toBe(status);
  expect(reply.body).toEqual({
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: expect.any(String),
    imsx_CodeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
      ],
    },
  });
  if (description) expect(reply.body.imsx_description).toMatch(description);
}
