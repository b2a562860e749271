import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors.ts';

/** RFC 9457 problem+json: `code` is stable for clients; `title` is for people. */
export function sendProblem(reply: FastifyReply, status: number, code: string, title: string, fields: FieldError[] = [], extra: Record<string, unknown> = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:hrss:error:${code}`, title, status, code, fields, requestId: reply.request.id, ...extra });
}

export function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return sendProblem(reply, err.status, err.code, err.message, err.fields, err.extra);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? 'body';
    const fields: FieldError[] = err.validation.map((v) => {
      const params = v.params as { params?: { code?: string; reason?: string } };
      return {
        ...(params.params?.reason && { reason: params.params.reason }),
        // Body fields are named as the client sent them (idNumber); query and path fields are prefixed.
        field: `${where === 'body' ? '' : where}${v.instancePath.replaceAll('/', '.')}`.replace(/^\./, '').replace(/\.$/, '') || where,
        code: params.params?.code ?? String(v.keyword).toUpperCase(),
        message: v.message ?? 'invalid',
      };
    });
    const domain = fields.find((f) => /^(INVALID|UNKNOWN)_[A-Z_]+$/.test(f.code));
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return sendProblem(reply, 400, domain?.code ?? 'VALIDATION_FAILED', `Request is invalid: ${summary}`, fields);
  }
  const fe = err as FastifyError;
  if (fe.statusCode === 429) return sendProblem(reply, 429, 'RATE_LIMITED', 'Too many requests; wait a minute and try again');
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
    return sendProblem(reply, 413, 'PAYLOAD_TOO_LARGE', 'The request body or file is too large');
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
    return sendProblem(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type');
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 && !isResponseSerializationError(fe as never)) {
    return sendProblem(reply, fe.statusCode, 'BAD_REQUEST', fe.message);
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, 500, 'INTERNAL', 'Internal error; it has been logged with the request id');
}
