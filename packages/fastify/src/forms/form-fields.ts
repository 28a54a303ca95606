import type { UploadFile } from '@trellis/metadata';
import type { FastifyRequest } from 'fastify';
import { kForm, slotsOf } from '../symbols';

/** The parsed form of an urlencoded or multipart request; `undefined` for any other body. */
export function formOf(request: FastifyRequest): FormFields | undefined {
  return slotsOf(request)[kForm] ?? undefined;
}

export function setForm(request: FastifyRequest, form: FormFields): void {
  slotsOf(request)[kForm] = form;
}

/** One value of a form field: text, or a file in a multipart form. */
export type FormValue = string | UploadFile;

/**
 * A parsed form (Starlette's `FormData`): field names to their values in arrival order,
 * repeated names kept. Urlencoded and multipart bodies both end up as one of these.
 * @example
 * const form = await request.form(); form.get('username'); form.getAll('tags');
 */
export class FormFields {
  readonly #values = new Map<string, FormValue[]>();

  /** Parses an `application/x-www-form-urlencoded` body. */
  static fromUrlEncoded(text: string): FormFields {
    const form = new FormFields();
    for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
    return form;
  }

  append(name: string, value: FormValue): void {
    const list = this.#values.get(name);
    if (list) list.push(value);
    else this.#values.set(name, [value]);
  }

  /** The last value sent under `name` (as Starlette's multi-dict gives it). */
  get(name: string): FormValue | undefined {
    const list = this.#values.get(name);
    return list === undefined ? undefined : list[list.length - 1];
  }

  /** Every value sent under `name`, in order. */
  getAll(name: string): readonly FormValue[] {
    return this.#values.get(name) ?? EMPTY;
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  keys(): IterableIterator<string> {
    return this.#values.keys();
  }

  /** Shown by `JSON.stringify` and the response encoder as the plain object below. */
  toJSON(): Record<string, FormValue | FormValue[]> {
    return this.toObject();
  }

  /** Plain object for a whole-form DTO: one value per field, an array for repeated ones. */
  toObject(): Record<string, FormValue | FormValue[]> {
    const out: Record<string, FormValue | FormValue[]> = Object.create(null) as Record<string, FormValue | FormValue[]>;
    for (const [name, list] of this.#values) out[name] = list.length === 1 ? list[0]! : [...list];
    return out;
  }
}

const EMPTY: readonly FormValue[] = Object.freeze([]);
