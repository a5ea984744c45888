/** Wrong use of the command line (exit 2), as opposed to a request that failed (exit 1). */
export class UsageError extends Error {}
