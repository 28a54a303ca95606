import type { BodyOptions, ParamLocation, ParamOptions } from '@trellis/metadata';
import type { ResolvedType } from './resolve-type';

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
    };
