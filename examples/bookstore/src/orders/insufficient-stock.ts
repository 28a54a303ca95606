import { JSONResponse } from '@trellis/metadata';

/**
 * A domain error: raised deep in `placeOrder`, it knows nothing of HTTP. The app maps it to
 * 409 with `insufficientStockHandler`, and the transaction dependency rolls back whatever the
 * order had already taken from stock.
 */
export class InsufficientStock extends Error {
  constructor(
    readonly bookId: number,
    readonly requested: number,
    readonly available: number,
  ) {
    super(`Only ${available} cop${available === 1 ? 'y' : 'ies'} of book ${bookId} left, ${requested} requested`);
    this.name = 'InsufficientStock';
  }
}

/** `409 {"detail":{"message","bookId","requested","available"}}`. */
export function insufficientStockHandler(_request: unknown, exc: InsufficientStock): JSONResponse {
  return new JSONResponse(
    { detail: { message: exc.message, bookId: exc.bookId, requested: exc.requested, available: exc.available } },
    { status: 409 },
  );
}
