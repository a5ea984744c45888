/** One base class for errors the user caused; `code` is stable, `message` is one clear line. */
export class GrillError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Deck files: missing paths, invalid decks. */
export class DeckError extends GrillError {}
/** Unknown card, deck or setting; bad rating or value. */
export class NotFoundError extends GrillError {}
export class InvalidInputError extends GrillError {}
/** Network or server problems during sync. */
export class SyncError extends GrillError {}
