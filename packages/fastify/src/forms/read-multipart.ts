import { rm } from 'node:fs/promises';
import { HTTPException, UploadFile } from '@trellis/metadata';
import type { FastifyRequest } from 'fastify';
import { FormFields } from './form-fields';
import { spoolUpload } from './spool-upload';
import type { UploadLimits } from './upload-limits';

const TOO_LARGE = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT']);

/**
 * Reads a whole multipart body before the route's plan runs (as Starlette does), files
 * spooled, text fields as strings. Limits answer 413; a malformed body answers FastAPI's
 * 400 "There was an error parsing the body", never a 500. Temporary files are removed
 * when the response is done, whatever happened.
 */
export async function readMultipart(request: FastifyRequest, limits: Required<UploadLimits>, onDone: (cleanup: () => void) => void): Promise<FormFields> {
  const tempFiles: string[] = [];
  onDone(() => {
    for (const path of tempFiles) void rm(path, { force: true }).catch(() => undefined);
  });
  const form = new FormFields();
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const spooled = await spoolUpload(part.file, limits.memoryThreshold, (path) => tempFiles.push(path));
        if (part.file.truncated) throw fileTooLarge();
        form.append(part.fieldname, new UploadFile(part.fieldname, part.filename || undefined, part.mimetype || 'application/octet-stream', spooled.size, spooled.storage));
      } else {
        if (part.valueTruncated) throw new HTTPException(413, `Field "${part.fieldname}" is larger than ${limits.maxFieldSize} bytes`);
        // @fastify/multipart parses parts sent as application/json; a form field is text, so give it back as such.
        form.append(part.fieldname, typeof part.value === 'string' ? part.value : JSON.stringify(part.value));
      }
    }
  } catch (error) {
    throw toClientError(error);
  }
  return form;
}

function fileTooLarge(): HTTPException {
  return new HTTPException(413, 'File too large');
}

function toClientError(error: unknown): unknown {
  if (error instanceof HTTPException) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge();
  if (typeof code === 'string' && TOO_LARGE.has(code)) return new HTTPException(413, 'Too many fields or files');
  return new HTTPException(400, 'There was an error parsing the body');
}
