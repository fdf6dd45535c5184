/**
 * PUT body validation: the relaxed IMS 1.1 OpenAPI schemas, or the 1.2 gradebook schemas (strict
 * or relaxed, openapi.ts), through ajv when the file is present, otherwise the sandbox's own zod
 * structure (validate-fallback.ts) with one warning on stderr. Violations become 400 invaliddata
 * whose description names each offending field, e.g. "lineItem.title: is required".
 */
import type { ErrorObject } from 'ajv';
import { invalidBody, type Problem } from './imsx.ts';
import {
  loadOpenApi,
  loadOpenApiV1p2,
  type OpenApiSchemas,
  openApiPath,
  openApiV1p2Path,
} from './openapi.ts';
import { fallbackValidators, fallbackValidatorsV1p2 } from './validate-fallback.ts';

export interface BodyValidator {
  source: 'openapi' | 'zod';
  lineItem(body: unknown): void;
  result(body: unknown): void;
}

function ajvProblems(errors: ErrorObject[]): Problem[] {
  const seen = new Set<string>();
  return errors.flatMap((e) => {
    const base = e.instancePath.split('/').filter(Boolean).join('.');
    const named =
      e.keyword === 'required'
        ? (e.params as { missingProperty: string }).missingProperty
        : e.keyword === 'additionalProperties'
          ? (e.params as { additionalProperty: string }).additionalProperty
          : undefined;
    const field = named ? (base ? `${base}.${named}` : named) : base || '(body)';
    const message =
      e.keyword === 'required'
        ? 'is required'
        : e.keyword === 'additionalProperties'
          ? 'is not a property of this type'
          : e.keyword === 'enum'
            ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => `'${v}'`).join(', ')}`
            : (e.message ?? 'is invalid');
    const key = `${field} ${message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ field, message }];
  });
}

const warned = new Set<string>();

function fromSchemas(
  openApi: OpenApiSchemas | null,
  names: { lineItem: string; result: string },
  missing: { path: string; env: string; fallback: () => Omit<BodyValidator, 'source'> },
): BodyValidator {
  if (!openApi) {
    if (!warned.has(missing.path)) {
      warned.add(missing.path);
      process.stderr.write(
        `oneroster-sandbox: OpenAPI file not found at ${missing.path} (set ${missing.env}); ` +
          'validating PUT bodies with the built-in structural checks instead\n',
      );
    }
    return { source: 'zod', ...missing.fallback() };
  }
  const check = (name: string) => {
    const validate = openApi.validator(name);
    return (body: unknown) => {
      if (!validate(body)) throw invalidBody(ajvProblems(validate.errors ?? []));
    };
  };
  return { source: 'openapi', lineItem: check(names.lineItem), result: check(names.result) };
}

/**
 * Compiled validators per file and mode: compiling the schemas costs 50–150 ms, and tests start
 * many sandboxes. Validators hold no state, so sharing them is safe.
 */
const compiled = new Map<string, BodyValidator>();
const once = (key: string, make: () => BodyValidator) => {
  const found = compiled.get(key) ?? make();
  compiled.set(key, found);
  return found;
};

export function createBodyValidator(path = openApiPath()): BodyValidator {
  return once(`1.1 ${path}`, () => compileV1p1(path));
}

function compileV1p1(path: string): BodyValidator {
  return fromSchemas(
    loadOpenApi(true, path),
    { lineItem: 'SingleLineItem.Type', result: 'SingleResult.Type' },
    { path, env: 'ONEROSTER_OPENAPI', fallback: fallbackValidators },
  );
}

/** 1.2 gradebook PUT bodies: `strict` is the published schema, `relaxed` Google's 1.2 bodies. */
export function createBodyValidatorV1p2(
  mode: 'strict' | 'relaxed',
  path = openApiV1p2Path(),
): BodyValidator {
  return once(`1.2 ${mode} ${path}`, () => compileV1p2(mode, path));
}

function compileV1p2(mode: 'strict' | 'relaxed', path: string): BodyValidator {
  return fromSchemas(
    loadOpenApiV1p2(mode, path),
    { lineItem: 'SingleLineItemDType', result: 'SingleResultDType' },
    { path, env: 'ONEROSTER_OPENAPI_V1P2', fallback: () => fallbackValidatorsV1p2(mode) },
  );
}
