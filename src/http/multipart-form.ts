import type { FastifyRequest } from 'fastify';
import { AppError } from '../model/app-error.js';

/** A read multipart form: the first value of each text field and the first file of each file field. */
export interface MultipartForm {
  fields: ReadonlyMap<string, string>;
  files: ReadonlyMap<string, Buffer>;
}

export interface MultipartLimits {
  /** The file fields to keep; other files are skipped unread. */
  fileFields: readonly string[];
  /** Largest file accepted, in bytes. */
  maxFileSize: number;
  /** The error for a file above `maxFileSize`. */
  tooLarge: () => AppError;
  /** The error for a body that is not a readable multipart form. */
  unreadable: (details: string) => AppError;
}

/**
 * Reads a whole multipart/form-data body into memory, refusing files above the limit while they
 * stream in.
 * @throws the AppErrors of `limits`
 */
export async function readMultipartForm(request: FastifyRequest, limits: MultipartLimits): Promise<MultipartForm> {
  if (!request.isMultipart()) throw limits.unreadable('expected multipart/form-data');
  const fields = new Map<string, string>();
  const files = new Map<string, Buffer>();
  try {
    for await (const part of request.parts({ limits: { fileSize: limits.maxFileSize } })) {
      if (part.type === 'file') {
        if (limits.fileFields.includes(part.fieldname) && !files.has(part.fieldname)) files.set(part.fieldname, await part.toBuffer());
        else part.file.resume();
      } else if (!fields.has(part.fieldname)) {
        fields.set(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: unknown } | null)?.code === 'FST_REQ_FILE_TOO_LARGE') throw limits.tooLarge();
    throw limits.unreadable(error instanceof Error ? error.message : String(error));
  }
  return { fields, files };
}
