import { ErrorResponseSchema } from '@grill/protocol';

/** The `{error}` body under each of these status codes, for a route's response schema. */
export function errorResponses(...codes: number[]): Record<number, typeof ErrorResponseSchema> {
  return Object.fromEntries(codes.map((code) => [code, ErrorResponseSchema]));
}

export const BEARER_AUTH = [{ bearerAuth: [] }];
