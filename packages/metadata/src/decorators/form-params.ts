import type { UploadFile } from '../forms/upload-file';
import { createMarker, type Marker } from '../marker';
import type { ParamOptions } from '../param-options';
import type { ParamValue } from './params';

/** Options of `@Form`: the same as `@Query`'s (type, default, constraints, docs). */
export type FormOptions = ParamOptions;

/** Options of `@File`. */
export interface FileOptions {
  /** Absent is allowed and gives `undefined` (or `[]` with `multiple`). */
  readonly optional?: boolean;
  /** Accepts several files under the same field name and gives an array. */
  readonly multiple?: boolean;
  /** Largest accepted size of one file in bytes; a bigger file answers 413. */
  readonly maxSize?: number;
  readonly title?: string;
  readonly description?: string;
  /** `false` keeps the field out of the OpenAPI document (it is still read). */
  readonly includeInSchema?: boolean;
}

/** The value `@File` produces for options `O`. */
export type FileValue<O> = (O extends { readonly multiple: true } ? UploadFile[] : UploadFile) | (O extends { readonly optional: true } ? undefined : never);

/**
 * Reads a field of an `application/x-www-form-urlencoded` or `multipart/form-data` body,
 * coerced like a query parameter; with no name on a DTO-typed parameter, the whole form as that DTO.
 * @example
 * @Post('/login') login(@Form('username') username: string, @Form('remember', { type: 'boolean', default: false }) remember: boolean) {}
 */
export function Form<const O extends FormOptions = Record<never, never>>(name: string, options?: O): Marker<ParamValue<O>>;
/** The whole form as the DTO class the parameter is typed with; anything else fails at start-up. */
export function Form(): Marker<unknown>;
export function Form(name?: string, options?: FormOptions): Marker<unknown> {
  return createMarker({ kind: 'form', name, options: options ?? {} });
}

/**
 * Reads an uploaded file of a `multipart/form-data` body as an `UploadFile`
 * (`{ multiple: true }` for several under one name).
 * @example
 * @Post('/photos') upload(@File('photos', { multiple: true, maxSize: 5_000_000 }) photos: UploadFile[]) {}
 */
export function File<const O extends FileOptions = Record<never, never>>(name: string, options?: O): Marker<FileValue<O>> {
  return createMarker({ kind: 'file', name, options: options ?? {} });
}
