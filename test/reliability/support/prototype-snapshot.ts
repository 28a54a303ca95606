/** The own properties of the built-in prototypes, to prove none was added, removed or replaced. */
export function snapshotPrototypes(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const targets: Record<string, object> = {
    Object: Object.prototype,
    Array: Array.prototype,
    Function: Function.prototype,
    String: String.prototype,
    Number: Number.prototype,
    Boolean: Boolean.prototype,
    Date: Date.prototype,
    RegExp: RegExp.prototype,
    Promise: Promise.prototype,
    Error: Error.prototype,
  };
  for (const [name, proto] of Object.entries(targets)) {
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
      out.set(`${name}.${String(key)}`, descriptor.value ?? descriptor.get);
    }
  }
  return out;
}

/** Keys whose value differs between two snapshots. */
export function prototypeChanges(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key));
}
