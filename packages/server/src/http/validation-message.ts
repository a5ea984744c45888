import type { FastifySchemaValidationError, FastifyServerOptions } from 'fastify';

type SchemaErrorFormatter = NonNullable<FastifyServerOptions['schemaErrorFormatter']>;
type SchemaErrorDataVar = Parameters<SchemaErrorFormatter>[1];

/**
 * One line naming the field and what is wrong with it, e.g. `body/events/0/at must be integer`.
 * Ajv runs with allErrors off (a DoS guard), so there is one error to describe.
 */
export function validationMessage(
  errors: FastifySchemaValidationError[],
  dataVar: SchemaErrorDataVar,
): string {
  const error = errors[0];
  if (!error) return `${dataVar} is invalid`;
  const where = `${dataVar}${error.instancePath}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${where}/${String(params.missingProperty)} is required`;
    case 'additionalProperties':
      return `${where}/${String(params.additionalProperty)} is not an accepted field`;
    case 'enum':
      return `${where} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      return where.endsWith('/username')
        ? `${where} must be 1-64 characters of letters, digits, '.', '_' or '-'`
        : `${where} must match ${String(params.pattern)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** Fastify's `schemaErrorFormatter`: it adds the 400 status and validation details itself. */
export const formatValidationErrors: SchemaErrorFormatter = (errors, dataVar) =>
  new Error(validationMessage(errors, dataVar));
