/**
 * Every metadata key Trellis writes. Symbols (not strings) so two copies of the
 * package, or two test files, never read each other's records.
 */
export const CONTROLLER_KEY = Symbol('trellis.controller');
export const ROUTES_KEY = Symbol('trellis.routes');
export const PARAMS_KEY = Symbol('trellis.params');
export const MODEL_CONFIG_KEY = Symbol('trellis.modelConfig');
export const ENUM_NAME_KEY = Symbol('trellis.enumName');
export const DEPENDENCY_KEY = Symbol('trellis.dependency');
/** Brands a marker object so a plain object is never mistaken for one. */
export const MARKER = Symbol('trellis.marker');
export const SECURITY_SCHEME_KEY = Symbol('trellis.securityScheme');
/** Brands a task definition made by defineTask(), so a plain object or function is never taken for one. */
export const TASK_KEY = Symbol('trellis.task');
