/** Returned by converters and validators when they pushed an error instead of producing a value. */
export const INVALID: unique symbol = Symbol('trellis.invalid');
export type Invalid = typeof INVALID;
