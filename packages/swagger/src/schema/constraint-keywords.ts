import { enumValues, type ConstraintDescription } from '@trellis/metadata';
import type { JsonSchema } from './json-schema';

/*
 * class-validator constraint → JSON Schema keywords. Only constraints whose meaning
 * JSON Schema can state exactly are translated; the others (isAlpha, custom validators…)
 * still validate at run time and simply leave no trace in the document.
 */

type Translate = (args: readonly unknown[]) => JsonSchema;

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function definedOnly(schema: Record<string, unknown>): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, value]) => value !== undefined));
}

/** `{ enum }`, plus `type` when every value shares one. */
export function enumSchema(values: readonly unknown[]): JsonSchema {
  const schema: JsonSchema = { enum: [...values] };
  if (values.length === 0) return schema;
  if (values.every((v) => typeof v === 'string')) schema.type = 'string';
  else if (values.every((v) => typeof v === 'number')) schema.type = values.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
  return schema;
}

const TRANSLATIONS: Record<string, Translate> = {
  isEmail: () => ({ type: 'string', format: 'email' }),
  isUuid: () => ({ type: 'string', format: 'uuid' }),
  isUrl: () => ({ type: 'string', format: 'uri' }),
  isDateString: () => ({ type: 'string', format: 'date-time' }),
  isIso8601: () => ({ type: 'string', format: 'date-time' }),
  isIp: ([version]) => ({ type: 'string', format: String(version) === '6' ? 'ipv6' : 'ipv4' }),
  min: ([value]) => definedOnly({ minimum: num(value) }),
  max: ([value]) => definedOnly({ maximum: num(value) }),
  isPositive: () => ({ exclusiveMinimum: 0 }),
  isNegative: () => ({ exclusiveMaximum: 0 }),
  minLength: ([value]) => definedOnly({ type: 'string', minLength: num(value) }),
  maxLength: ([value]) => definedOnly({ type: 'string', maxLength: num(value) }),
  isLength: ([min, max]) => definedOnly({ type: 'string', minLength: num(min), maxLength: num(max) }),
  isNotEmpty: () => ({ minLength: 1 }),
  matches: ([pattern]) =>
    pattern instanceof RegExp ? { type: 'string', pattern: pattern.source } : typeof pattern === 'string' ? { type: 'string', pattern } : {},
  isEnum: ([entity]) => enumSchema(enumValues(entity)),
  isIn: ([values]) => (Array.isArray(values) ? enumSchema(values) : {}),
  arrayMinSize: ([value]) => definedOnly({ minItems: num(value) }),
  arrayMaxSize: ([value]) => definedOnly({ maxItems: num(value) }),
  arrayUnique: () => ({ uniqueItems: true }),
  arrayNotEmpty: () => ({ minItems: 1 }),
};

/** The JSON Schema keywords a list of constraints adds (later constraints override earlier ones). */
export function constraintKeywords(constraints: readonly ConstraintDescription[]): JsonSchema {
  const out: JsonSchema = {};
  for (const constraint of constraints) {
    const translate = TRANSLATIONS[constraint.name];
    if (translate) Object.assign(out, translate(constraint.constraints));
  }
  return out;
}
