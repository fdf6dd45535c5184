/**
 * PUT body validation: the relaxed IMS 1.1 OpenAPI schemas through ajv when the file is present,
 * otherwise the sandbox's own zod structure (validate-fallback.ts) with one warning on stderr.
 * Violations become 400 invaliddata whose description names each offending field, e.g.
 * "lineItem.title: is required".
 */
import type { ErrorObject } from 'ajv';
import { invalidBody, type Problem } from './imsx.ts';
import { loadOpenApi, openApiPath } from './openapi.ts';
import { fallbackValidators } from './validate-fallback.ts';

export interface BodyValidator {
  source: 'openapi' | 'zod';
  lineItem(body: unknown): void;
  result(body: unknown): void;
}

function ajvProblems(errors: ErrorObject[]): Problem[] {
  const seen = new Set<string>();
  return errors.flatMap((e) => {
    const base = e.instancePath.split('/').filter(Boolean).join('.');
    const missing =
      e.keyword === 'required'
        ? (e.params as { missingProperty: string }).missingProperty
        : undefined;
    const field = missing ? (base ? `${base}.${missing}` : missing) : base || '(body)';
    const message =
      e.keyword === 'required'
        ? 'is required'
        : e.keyword === 'enum'
          ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => `'${v}'`).join(', ')}`
          : (e.message ?? 'is invalid');
    const key = `${field} ${message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ field, message }];
  });
}

let warned = false;

export function createBodyValidator(path = openApiPath()): BodyValidator {
  const openApi = loadOpenApi(true, path);
  if (!openApi) {
    if (!warned) {
      warned = true;
      process.stderr.write(
        `oneroster-sandbox: OpenAPI file not found at ${path} (set ONEROSTER_OPENAPI); ` +
          'validating PUT bodies with the built-in structural checks instead\n',
      );
    }
    const zod = fallbackValidators();
    return {
      source: 'zod',
      lineItem: (body) => zod.lineItem(body),
      result: (body) => zod.result(body),
    };
  }
  const check = (name: string) => {
    const validate = openApi.validator(name);
    return (body: unknown) => {
      if (!validate(body)) throw invalidBody(ajvProblems(validate.errors ?? []));
    };
  };
  return {
    source: 'openapi',
    lineItem: check('SingleLineItem.Type'),
    result: check('SingleResult.Type'),
  };
}
