import type { BodyOptions, FileOptions, FormOptions, ParamLocation, ParamOptions, ResolvedType } from '@trellis/metadata';

/**
 * What one request input is, as compiled: the adapter validates with it and the OpenAPI
 * builder documents it, so the two read the same facts.
 */
export type InputDoc =
  | {
      readonly in: ParamLocation;
      readonly name: string;
      readonly required: boolean;
      readonly type: ResolvedType;
      readonly options: ParamOptions;
    }
  | {
      readonly in: 'body';
      /** `undefined` for the whole body; a field name for an embedded body field. */
      readonly name: string | undefined;
      readonly required: boolean;
      readonly type: ResolvedType;
      readonly options: BodyOptions;
    }
  | {
      /** A form field: the body is `application/x-www-form-urlencoded` or `multipart/form-data`. */
      readonly in: 'form';
      /** `''` for a whole-form DTO (`@Form()`), whose fields are then those of `type.model`. */
      readonly name: string;
      readonly required: boolean;
      readonly type: ResolvedType;
      readonly options: FormOptions;
    }
  | {
      /** An uploaded file: the body must be `multipart/form-data` (schema `{type: string, format: binary}`). */
      readonly in: 'file';
      readonly name: string;
      readonly required: boolean;
      /** Several files under one name (an array of binaries). */
      readonly multiple: boolean;
      readonly options: FileOptions;
    };
