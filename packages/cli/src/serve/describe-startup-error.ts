import { AppModuleError } from './load-app';

interface CodedError extends Error {
  readonly code?: unknown;
  readonly cause?: unknown;
}

/**
 * What a failed start prints. Trellis's own start-up errors (a `TRELLIS_…` code: a
 * misdeclared controller, a failed lifespan) and a busy port are shown as their code and
 * message, which name what is wrong and where; anything else thrown by the user's code keeps
 * its stack, which is where its cause is.
 */
export function describeStartupError(error: unknown, listen: { host: string; port: number }): string {
  if (!(error instanceof Error)) return `Start-up failed: ${String(error)}`;
  const { code } = error as CodedError;
  if (error instanceof AppModuleError) return error.message;
  if (typeof code === 'string' && code.startsWith('TRELLIS_')) {
    const message = error.message.endsWith(` [${code}]`) ? error.message.slice(0, -code.length - 3) : error.message;
    const lines = [`${code}: ${message}`];
    const cause = (error as CodedError).cause;
    if (cause !== undefined) lines.push(`  caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
    return lines.join('\n');
  }
  if (code === 'EADDRINUSE') return `Port ${listen.port} on ${listen.host} is already in use (EADDRINUSE): stop the other server or pass --port.`;
  if (code === 'EACCES') return `Not allowed to listen on ${listen.host}:${listen.port} (EACCES): pick a port above 1023.`;
  return error.stack ?? `${error.name}: ${error.message}`;
}
