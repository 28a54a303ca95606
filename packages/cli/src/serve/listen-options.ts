import { UsageError } from '../commands/usage-error';
import type { CommandContext } from '../commands/command';

/** Where to listen: `--host`/`--port`, else the HOST/PORT variables, else the command's defaults. */
export interface ListenOptions {
  readonly host: string;
  readonly port: number;
}

export const LISTEN_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
} as const;

export const LISTEN_HELP = [
  '  --host <host>   interface to listen on (default: $HOST, else %HOST%)',
  '  --port, -p <n>  port (default: $PORT, else 8000; 0 picks a free one)',
].join('\n');

export function listenOptions(context: CommandContext, defaultHost: string): ListenOptions {
  const host = stringValue(context.values.host) ?? process.env.HOST ?? defaultHost;
  const portText = stringValue(context.values.port) ?? process.env.PORT ?? '8000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${portText}"`);
  return { host, port };
}

export function stringValue(value: CommandContext['values'][string]): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
