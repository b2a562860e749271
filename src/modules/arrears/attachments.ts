import crypto from 'node:crypto';
import { AppError } from '../../platform/errors.ts';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

// Allow-list by content, not by the name or the declared type.
const SIGNATURES: { mediaType: string; ext: string; magic: number[] }[] = [
  { mediaType: 'application/pdf', ext: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
];

export interface Evidence { fileName: string; mediaType: string; ext: string; content: Buffer; sha256: string }

export function sniff(content: Buffer): { mediaType: string; ext: string } | null {
  const s = SIGNATURES.find((sig) => content.length >= sig.magic.length && sig.magic.every((b, i) => content[i] === b));
  return s ? { mediaType: s.mediaType, ext: s.ext } : null;
}

/** Checks one uploaded file: size and type by magic bytes. The original name is kept only as harmless text. */
export function checkEvidence(fileName: string, content: Buffer): Evidence {
  if (content.length > MAX_ATTACHMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `An attachment may be at most ${MAX_ATTACHMENT_BYTES} bytes`);
  if (content.length === 0) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'An attachment is empty');
  const type = sniff(content);
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Attachments must be PDF, PNG or JPEG files', [{ field: 'evidence', code: 'UNSUPPORTED_TYPE', message: `${safeFileName(fileName)} is not PDF, PNG or JPEG` }]);
  return { fileName: safeFileName(fileName), ...type, content, sha256: crypto.createHash('sha256').update(content).digest('hex') };
}

/** Base name without control characters, quotes or angle brackets, at most 120 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"<>]/g, '_').slice(-120) || 'evidence';
}

/** Content-Disposition that always downloads: an ASCII fallback plus the UTF-8 name (RFC 6266). */
export function attachmentDisposition(id: string, fileName: string, ext: string): string {
  return `attachment; filename="evidence-${id.slice(-12)}.${ext}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
