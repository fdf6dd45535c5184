/**
 * Loads the IMS OneRoster OpenAPI files (1.1, and the 1.2 gradebook and rostering services; read
 * at runtime from the shared reference folder, never copied into the repo: their licence is IMS's)
 * and compiles their component schemas with ajv.
 *
 * A relaxed load applies the few changes needed to accept what Google's conformance suites and
 * real vendors send (research §A, §G; oneroster-1.2.md §3); each one is listed with its reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const REFERENCE = join(REPO_ROOT, '../shared/reference/openapi');

export function openApiPath(): string {
  return process.env.ONEROSTER_OPENAPI ?? join(REFERENCE, 'oneroster-v1p1-openapi.json');
}

/** The 1.2 gradebook service's OpenAPI (env ONEROSTER_OPENAPI_V1P2 overrides). */
export function openApiV1p2Path(): string {
  return (
    process.env.ONEROSTER_OPENAPI_V1P2 ?? join(REFERENCE, 'oneroster-v1p2-gradebook-openapi3.json')
  );
}

/** The 1.2 rostering service's OpenAPI, for tests that check what the sandbox serves. */
export function openApiV1p2RosteringPath(): string {
  return join(REFERENCE, 'oneroster-v1p2-rostering-openapi3.json');
}

type Schema = Record<string, unknown> & {
  required?: string[];
  properties?: Record<string, Record<string, unknown>>;
};
type Schemas = Record<string, Schema>;

type Change = (s: Schemas) => void;

const RELAXATIONS: Change[] = [
  // sourcedId comes from the URL; status and dateLastModified are set by the server. Google's
  // PUTs carry sourcedId but neither of the other two.
  (s) => {
    (s['Base.Type'] as Schema).required = [];
  },
  // Google sends GUIDRefs as {"sourcedId": "..."} only, and Aeries uses relative "~/..." hrefs,
  // so href and type are optional and href is not checked as an absolute URI.
  (s) => {
    const ref = s['GUIDRef.Type'] as Schema;
    ref.required = ['sourcedId'];
    delete ref.properties?.href?.format;
  },
  // Google's basic grade sync PUTs line items without a category and expects 201.
  (s) => {
    const li = s.LineItem_Type_allOf as Schema;
    li.required = (li.required ?? []).filter((f) => f !== 'category');
  },
  // The 1.1 schema says scoreDate is a date; Google sends a full date-time ("...T12:00:00.000Z").
  (s) => {
    const date = (s.Result_Type_allOf as Schema).properties?.scoreDate;
    if (date) date.format = 'date-or-date-time';
  },
];

const required = (schema: Schemas[string], without: string[]) => {
  schema.required = (schema.required ?? []).filter((f) => !without.includes(f));
};

/**
 * 1.2, both modes. Infinite Campus refuses a line item without a real category as a business
 * rule (kb I2), which the sandbox answers with 422 like the placeholder id; so the schema's
 * `required` does not turn a missing category into a 400 first.
 */
const V1P2_ALWAYS: Change[] = [(s) => required(s.LineItemDType as Schema, ['category'])];

/** 1.2 relaxed mode: exactly what Google's 1.2 notebook sends (oneroster-1.2.md §3). */
export const V1P2_RELAXATIONS: Change[] = [
  // Google's PUTs carry sourcedId but neither status nor dateLastModified (the server's to set).
  (s) => {
    for (const name of ['LineItemDType', 'ResultDType'])
      required(s[name] as Schema, ['status', 'dateLastModified']);
  },
  // Google sends every GUIDRef as {"sourcedId": "..."}: href and type become optional (a type
  // that is sent must still be the right one).
  (s) => {
    for (const [name, schema] of Object.entries(s))
      if (name.endsWith('GUIDRefDType')) schema.required = ['sourcedId'];
  },
  // The schema says scoreDate is a date; Google sends a full date-time, as in 1.1.
  (s) => {
    const date = (s.ResultDType as Schema).properties?.scoreDate;
    if (date) date.format = 'date-or-date-time';
  },
];

export interface OpenApiSchemas {
  validator(name: string): ValidateFunction;
  path: string;
}

/** The 1.1 OpenAPI, relaxed or as published; null when the file is absent. */
export function loadOpenApi(relaxed: boolean, path = openApiPath()): OpenApiSchemas | null {
  return loadSchemas(path, relaxed ? RELAXATIONS : []);
}

/** The 1.2 gradebook OpenAPI in strict or relaxed mode; null when the file is absent. */
export function loadOpenApiV1p2(
  mode: 'strict' | 'relaxed',
  path = openApiV1p2Path(),
): OpenApiSchemas | null {
  return loadSchemas(
    path,
    mode === 'relaxed' ? [...V1P2_ALWAYS, ...V1P2_RELAXATIONS] : V1P2_ALWAYS,
  );
}

/**
 * Any OneRoster OpenAPI file's component schemas with `changes` applied. Returns null when the
 * file is not there (e.g. a checkout without shared/).
 */
export function loadSchemas(path: string, changes: readonly Change[]): OpenApiSchemas | null {
  if (!existsSync(path)) return null;
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { components: { schemas: Schemas } };
  // Rewrite refs so the schemas live under `definitions`, a keyword ajv's strict mode knows.
  const schemas = JSON.parse(
    JSON.stringify(doc.components.schemas).replaceAll(
      '#/components/schemas/',
      'oneroster#/definitions/',
    ),
  ) as Schemas;
  for (const change of changes) change(schemas);
  const ajv = new Ajv({ allErrors: true });
  ajv.addKeyword('example');
  addFormatsPlugin(ajv);
  ajv.addFormat('date-or-date-time', (value: string) => {
    const formats = ajv.formats as Record<
      string,
      { validate?: (v: string) => boolean } | undefined
    >;
    return Boolean(formats.date?.validate?.(value) || formats['date-time']?.validate?.(value));
  });
  ajv.addSchema({ $id: 'oneroster', definitions: schemas });
  return {
    path,
    validator(name) {
      const validate = ajv.getSchema(`oneroster#/definitions/${name}`);
      if (!validate) throw new Error(`no schema ${name} in ${path}`);
      return validate;
    },
  };
}
