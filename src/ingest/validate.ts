// Structural validation of ingest documents: one strict ajv (no coercion, no defaults, no
// stripping) shared by the write routes, the seed and the import command.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describeSchemaErrors, HttpProblem, type FieldError } from '../shared/errors.js';
import { commonSchemas } from '../schemas/common.js';
import { IngestDocument, ingestSchemas } from '../schemas/ingest.js';
import { readerSchemas } from '../reader/reader.schemas.js';

/** A document refused as a whole: 400 malformed, 409 id taken, 422 a broken rule. */
export class IngestError extends HttpProblem {
  declare readonly errors: FieldError[];

  constructor(status: 400 | 409 | 422, detail: string, errors: FieldError[] = []) {
    super(status, detail, errors);
    this.name = 'IngestError';
  }
}

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
addFormats(ajv);
// The assisted reader's request is validated as strictly as an ingest document.
for (const schema of [...commonSchemas, ...ingestSchemas, ...readerSchemas]) ajv.addSchema(schema);
const validateShape = ajv.getSchema<IngestDocument>(IngestDocument.$id!)!;

/**
 * A Fastify validator compiler on this module's strict ajv (no coercion, no defaults, no
 * stripping), so the write routes validate exactly as the seed and import commands do.
 */
export function strictValidatorCompiler({ schema }: { schema: unknown }) {
  const id = (schema as { $id?: string }).$id;
  return (id && ajv.getSchema(id)) || ajv.compile(schema as object);
}

/** Structural validation (types, required fields, no unknown fields): 400 on failure. */
export function validateIngestDocument(input: unknown): IngestDocument {
  if (validateShape(input)) return input as IngestDocument;
  const errors = describeSchemaErrors(validateShape.errors ?? []);
  throw new IngestError(400, `The ingest document is malformed: ${errors[0]?.path || '/'} ${errors[0]?.message}.`, errors);
}

export type { FieldError };
