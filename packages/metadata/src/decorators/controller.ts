import { writeControllerRecord } from '../metadata-store';
import type { ControllerOptions } from '../records';

/**
 * Marks a class as a controller whose routes live under `prefix`.
 * @example
 * @Controller('/users', { tags: ['users'] })
 * class Users { @Get('') list() { return []; } }
 */
export function Controller(prefix = '', options: ControllerOptions = {}): ClassDecorator {
  return (target) => {
    writeControllerRecord(target, { prefix, options });
  };
}
