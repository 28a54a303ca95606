import { writeModelConfig } from '../metadata-store';
import type { ModelConfig } from '../records';

/**
 * Model-level settings of a DTO class, FastAPI's `model_config`.
 * @example
 * @ModelConfig({ extra: 'forbid' })
 * class ItemIn { @IsString() name!: string; }
 */
export function ModelConfig(config: ModelConfig): ClassDecorator {
  return (target) => {
    writeModelConfig(target, config);
  };
}
