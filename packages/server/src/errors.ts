/** One base class for errors a client or operator caused; `code` is stable, `message` one clear line. */
export class ServerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends ServerError {}
export class UnauthorizedError extends ServerError {}
export class ForbiddenError extends ServerError {}
export class NotFoundError extends ServerError {}
export class ConflictError extends ServerError {
  constructor(
    code: string,
    message: string,
    /** Event ids that clash with stored events, when that is what conflicts. */
    readonly conflicts?: readonly string[],
  ) {
    super(code, message);
  }
}

/** 422: an event stamped too far ahead of the server's clock. */
export class ClockAheadError extends ServerError {
  constructor(
    message: string,
    readonly serverTime: number,
    readonly index: number,
  ) {
    super('clock-ahead', message);
  }
}
/** 426: the client speaks another version of the sync protocol. */
export class UpgradeRequiredError extends ServerError {}

/** The HTTP status for an error the handler sees; anything unrecognised is a 500. */
export function httpStatusOf(error: unknown): number {
  if (error instanceof InvalidInputError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof ClockAheadError) return 422;
  if (error instanceof UpgradeRequiredError) return 426;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}
