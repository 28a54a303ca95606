import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

/**
 * class-transformer's record of `@Type`/`@Expose`/`@Exclude`. The package exports no
 * reader for it, so this is the one deep import, kept in one file.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const transformerStorage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage })
  .defaultMetadataStorage;
