/**
 * Loads the IMS OneRoster 1.1 OpenAPI (read at runtime from the shared reference folder, never
 * copied into the repo: its licence is IMS's) and compiles its component schemas with ajv.
 *
 * `relaxed` applies the few changes needed to accept what Google's conformance suite and real
 * vendors send (research §A, §G); each one is listed in RELAXATIONS with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_PATH = join(REPO_ROOT, '../shared/reference/openapi/oneroster-v1p1-openapi.json');

export function openApiPath(): string {
  return process.env.ONEROSTER_OPENAPI ?? DEFAULT_PATH;
}

type Schema = Record<string, unknown> & {
  required?: string[];
  properties?: Record<string, Record<string, unknown>>;
};
type Schemas = Record<string, Schema>;

const RELAXATIONS: Array<(s: Schemas) => void> = [
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

export interface OpenApiSchemas {
  validator(name: string): ValidateFunction;
  path: string;
}

/** Returns null when the OpenAPI file is not there (e.g. a checkout without shared/). */
export function loadOpenApi(relaxed: boolean, path = openApiPath()): OpenApiSchemas | null {
  if (!existsSync(path)) return null;
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { components: { schemas: Schemas } };
  // Rewrite refs so the schemas live under `definitions`, a keyword ajv's strict mode knows.
  const schemas = JSON.parse(
    JSON.stringify(doc.components.schemas).replaceAll(
      '#/components/schemas/',
      'oneroster#/definitions/',
    ),
  ) as Schemas;
  if (relaxed) for (const relax of RELAXATIONS) relax(schemas);
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
