import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../errors.ts';
import { csvRecords } from '../../modules/imports/csv-records.ts';

/** The file of a multipart upload (field "file"), or a 415/400 that says what to send. */
export async function uploadedFile(req: FastifyRequest): Promise<MultipartFile> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV as multipart/form-data in a field named "file"');
  const file = await req.file();
  if (!file) throw new AppError('VALIDATION_FAILED', 'No file was sent', [{ field: 'file', code: 'REQUIRED', message: 'required' }]);
  return file;
}

/**
 * A small CSV upload read whole, header included: more than `maxRows` data rows is a 413 saying
 * `tooMany`, as is a file cut at the upload limit. (Registry imports stream instead.)
 */
export async function readCsvRows(file: MultipartFile, maxRows: number, tooMany: string): Promise<string[][]> {
  const records: string[][] = [];
  for await (const rec of csvRecords(file.file)) {
    records.push(rec);
    if (records.length > maxRows + 1) throw new AppError('PAYLOAD_TOO_LARGE', tooMany);
  }
  if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than the upload limit');
  return records;
}
