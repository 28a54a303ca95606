/** How deep nested models may go before input is refused (self-referencing DTOs). */
export const DEFAULT_MAX_DEPTH = 32;
