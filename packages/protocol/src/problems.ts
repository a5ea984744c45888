import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';

/** What is wrong with a value, and where: `path` is a JSON pointer into it (`/payload/rating`). */
export interface Problem {
  path: string;
  message: string;
}

/** `where` plus the problem, in the one-line form both ends print: `body/events/3/payload/rating must be …`. */
export function describeProblem(where: string, problem: Problem): string {
  return `${where}${problem.path} ${problem.message}`;
}

/**
 * A schema compiled on first use (compiling costs more than checking, and most commands never
 * check anything). `first` returns the first problem or null.
 */
export class Checker<S extends TSchema> {
  private compiled: TypeCheck<S> | null = null;
  constructor(readonly schema: S) {}

  private get check(): TypeCheck<S> {
    this.compiled ??= TypeCompiler.Compile(this.schema);
    return this.compiled;
  }

  first(value: unknown): Problem | null {
    if (this.check.Check(value)) return null;
    const error = this.check.Errors(value).First();
    return error ? { path: error.path, message: errorMessage(error) } : { path: '', message: 'is invalid' };
  }
}

/** A schema's own words for what it accepts (schemas that never reach Fastify's Ajv may carry it). */
function expected(schema: TSchema): string | undefined {
  const text = (schema as { expected?: unknown }).expected;
  return typeof text === 'string' ? text : undefined;
}

function errorMessage(error: ValueError): string {
  const schema = error.schema as TSchema & Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not an accepted field';
  }
  const own = expected(schema);
  if (own) return `must be ${own}`;
  switch (error.type) {
    case ValueErrorType.Integer:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
      return `must be an integer${range(schema)}`;
    case ValueErrorType.Number:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
      return `must be a number${range(schema)}`;
    case ValueErrorType.String:
      return 'must be a string';
    case ValueErrorType.StringMinLength:
      return `must be at least ${schema.minLength} characters`;
    case ValueErrorType.StringMaxLength:
      return `must be at most ${schema.maxLength} characters`;
    case ValueErrorType.StringPattern:
      return `must match ${schema.pattern}`;
    case ValueErrorType.Boolean:
      return 'must be true or false';
    case ValueErrorType.Object:
      return 'must be an object';
    case ValueErrorType.Array:
      return 'must be an array';
    case ValueErrorType.ArrayMaxItems:
      return `must have at most ${schema.maxItems} items`;
    case ValueErrorType.ArrayMinItems:
      return `must have at least ${schema.minItems} items`;
    default:
      return error.message.replace(/^Expected/, 'must be');
  }
}

function range(schema: Record<string, unknown>): string {
  const { minimum: min, maximum: max } = schema;
  if (typeof min === 'number' && typeof max === 'number') return ` from ${min} to ${max}`;
  if (typeof min === 'number') return ` >= ${min}`;
  if (typeof max === 'number') return ` <= ${max}`;
  return '';
}
