/** Limits on multipart and urlencoded bodies (`createApp({ uploads })`). */
export interface UploadLimits {
  /** Largest accepted file, in bytes; a bigger one answers 413 (default 16 MiB). `@File({ maxSize })` can lower it per field. */
  readonly maxFileSize?: number;
  /** Most files in one request (default 1000, as Starlette). */
  readonly maxFiles?: number;
  /** Most text fields in one request (default 1000, as Starlette). */
  readonly maxFields?: number;
  /** Largest text field, in bytes (default 1 MiB, as Starlette's max_part_size). */
  readonly maxFieldSize?: number;
  /** Files up to this size stay in memory; bigger ones are spooled to a temporary file (default 1 MiB). */
  readonly memoryThreshold?: number;
}

export const DEFAULT_UPLOAD_LIMITS: Required<UploadLimits> = {
  maxFileSize: 16 * 1024 * 1024,
  maxFiles: 1000,
  maxFields: 1000,
  maxFieldSize: 1024 * 1024,
  memoryThreshold: 1024 * 1024,
};
