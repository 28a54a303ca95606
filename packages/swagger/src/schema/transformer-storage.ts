import { TransformationType } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

/**
 * class-transformer's record of `@Expose`/`@Exclude`, which decides the fields a response
 * model sends. The package exports no reader for it, so this deep import stays in one file.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const transformerStorage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage })
  .defaultMetadataStorage;

export const CLASS_TO_PLAIN = TransformationType.CLASS_TO_PLAIN;
