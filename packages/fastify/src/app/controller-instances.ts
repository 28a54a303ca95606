import type { ControllerDescription } from '@trellis/metadata';

/**
 * The instances handlers are called on: an included instance as given, an included class
 * built once (with `new`, no arguments) and shared by every mount of it.
 */
export class ControllerInstances {
  private readonly built = new Map<Function, object>();

  for(controller: ControllerDescription): object {
    if (controller.instance) return controller.instance;
    let instance = this.built.get(controller.target);
    if (!instance) {
      instance = new (controller.target as new () => object)();
      this.built.set(controller.target, instance);
    }
    return instance;
  }
}
