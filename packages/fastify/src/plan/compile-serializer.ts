import { jsonableEncoder, type DeclaredRoute } from '@trellis/metadata';
import { compileResponseModel, type ResponseSerializer } from '../serialization/compile-response-model';

const encodeJson = (value: unknown): string => JSON.stringify(jsonableEncoder(value));
const WITHOUT_MODEL: ResponseSerializer = { serialize: encodeJson, serializeItem: encodeJson };

/**
 * With a response model: its compiled checker and fast-json-stringify serializer (built
 * here, once). Without: `jsonableEncoder`, then `JSON.stringify`. `undefined` (no return)
 * is `null`, as in FastAPI.
 */
export function compileSerializer(route: DeclaredRoute, strict = false): ResponseSerializer {
  const { options, responseModel } = route;
  if (responseModel === undefined) return WITHOUT_MODEL;
  return compileResponseModel(
    responseModel,
    {
      excludeUnset: options.responseExcludeUnset === true,
      excludeNone: options.responseExcludeNone === true,
      include: options.responseInclude,
      exclude: options.responseExclude,
      checkConstraints: options.responseValidation !== 'types',
      strict,
    },
    route.label,
  );
}
