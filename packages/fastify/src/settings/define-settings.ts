import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { dependency, describeModelFields, type ValidationErrorItem } from '@trellis/metadata';
import { startupError } from '../errors';
import { compileModel } from '../validation/compile-model';
import { INVALID } from '../validation/invalid';

/** Where `defineSettings()` reads from. */
export interface SettingsOptions {
  /**
   * A dotenv file (`KEY=value` lines) read at load time if it exists; a missing file is
   * ignored, as pydantic-settings does. Real environment variables win over it.
   */
  readonly envFile?: string;
  /** Prepended to every field name (`prefix: 'BOOKSTORE_'` reads `BOOKSTORE_PORT` into `PORT`). */
  readonly prefix?: string;
  /** The environment (default `process.env`): pass an object in tests. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A settings dependency: call it for the settings (loaded and validated once), or inject it with `@Depends`. */
export type SettingsDependency<T> = () => T;

/**
 * pydantic-settings' `BaseSettings`: a class whose fields, declared with class-validator, are
 * read from environment variables (and an optional `.env` file), converted like query
 * parameters (`"8000"` → 8000, `"true"` → true), defaults kept, and validated all at once.
 * Returns an app-scoped dependency: the first call loads and validates (every invalid
 * variable in one `TRELLIS_SETTINGS_INVALID` error), later calls return the same frozen
 * object; `app.dependencyOverrides.set(getSettings, () => testSettings)` replaces it in tests.
 * @example
 * class Settings { @IsInt() @Min(1) PORT = 8000; @IsOptional() @IsUrl() REDIS_URL?: string; }
 * export const getSettings = defineSettings(Settings, { envFile: '.env' });
 * const settings = getSettings(); // at start-up: throws if the environment is invalid
 */
export function defineSettings<T extends object>(target: new () => T, options: SettingsOptions = {}): SettingsDependency<T> {
  let loaded: T | undefined;
  const getSettings = (): T => (loaded ??= loadSettings(target, options));
  dependency({}, getSettings, { scope: 'app' });
  return getSettings;
}

/** Reads, converts and validates `target` from the environment now (no caching). */
export function loadSettings<T extends object>(target: new () => T, options: SettingsOptions = {}): T {
  const env = options.env ?? process.env;
  const file = options.envFile === undefined ? {} : readEnvFile(options.envFile);
  const prefix = options.prefix ?? '';
  // Field initialisers are the defaults (pydantic's `PORT: int = 8000`); they are validated too.
  const defaults = new target() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const field of describeModelFields(target)) {
    if (defaults[field.name] !== undefined) raw[field.name] = defaults[field.name];
    const value = env[prefix + field.name] ?? file[prefix + field.name];
    if (value !== undefined) raw[field.name] = value;
  }
  const errors: ValidationErrorItem[] = [];
  const settings = compileModel(target, 'lax', `settings ${target.name}`).validate(raw, [], errors, 0);
  if (settings === INVALID || errors.length > 0) {
    // Values are left out: a settings class holds secrets (passwords in URLs, API keys).
    const problems = errors.map((error) => `\n  ${prefix}${error.loc.join('.')}: ${error.msg}`).join('');
    throw startupError('TRELLIS_SETTINGS_INVALID', { settings: target.name, count: errors.length, problems });
  }
  return Object.freeze(settings as T);
}

function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  return parseEnv(text) as Record<string, string>;
}
