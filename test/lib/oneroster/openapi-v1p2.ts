/**
 * Test support: the 1EdTech OneRoster 1.2 gradebook OpenAPI (read from the shared reference
 * folder, never copied into the repo: its licence is 1EdTech's), its component schemas compiled
 * strictly with ajv, so codec tests check bodies against the real schema.
 * A small local loader for now; the sandbox's generalised loader can replace it later.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const GRADEBOOK_OPENAPI = join(
  REPO_ROOT,
  '../shared/reference/openapi/oneroster-v1p2-gradebook-openapi3.json',
);

type Schemas = Record<string, unknown>;

/** A validator per component schema name (e.g. `SingleLineItemDType`), unrelaxed. */
export function loadGradebookSchemas(path = GRADEBOOK_OPENAPI) {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { components: { schemas: Schemas } };
  // Refs move under `definitions`, a keyword ajv's strict mode knows.
  const schemas = JSON.parse(
    JSON.stringify(doc.components.schemas).replaceAll(
      '#/components/schemas/',
      'gradebook#/definitions/',
    ),
  ) as Schemas;
  const ajv = new Ajv({ allErrors: true });
  ajv.addKeyword('example');
  addFormatsPlugin(ajv);
  ajv.addSchema({ $id: 'gradebook', definitions: schemas });
  return (name: string): ValidateFunction => {
    const validate = ajv.getSchema(`gradebook#/definitions/${name}`);
    if (!validate) throw new Error(`no schema ${name} in ${path}`);
    return validate;
  };
}
