/**
 * `app.dependencyOverrides`: a Map from a dependency to its replacement. Changing it
 * recompiles the route plans, so an override set (or removed) in a test applies to the
 * next request, anywhere in the dependency graph.
 */
export class DependencyOverrides extends Map<Function, Function> {
  private listener: (() => void) | undefined;

  /** Called by the app; not part of the Map API. */
  onChange(listener: () => void): void {
    this.listener = listener;
  }

  override set(original: Function, replacement: Function): this {
    super.set(original, replacement);
    this.listener?.();
    return this;
  }

  override delete(original: Function): boolean {
    const removed = super.delete(original);
    if (removed) this.listener?.();
    return removed;
  }

  override clear(): void {
    super.clear();
    this.listener?.();
  }
}
