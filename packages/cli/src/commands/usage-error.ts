/** A command line the command cannot run (unknown option, bad value): printed with its usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
