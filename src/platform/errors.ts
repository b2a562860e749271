/** Stable error codes: clients and tests match on these, never on messages. */
export const ErrorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_ID_NUMBER: 400,
  INVALID_CREDIT_CODE: 400,
  UNKNOWN_DIVISION: 400,
  UNKNOWN_INDUSTRY: 400,
  BAD_REQUEST: 400,
  CSV_ENCODING: 400, // neither UTF-8 nor GB18030 throughout
  CSV_RECORD_TOO_LONG: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  OUT_OF_REGION: 403,
  NOT_FOUND: 404,
  DUPLICATE_PERSON: 409,
  DUPLICATE_EMPLOYER: 409,
  DUPLICATE_USER: 409,
  CONFLICT: 409,
  ALREADY_EMPLOYED: 409,
  NOT_EMPLOYED: 409,
  ALREADY_REGISTERED: 409,
  NOT_REGISTERED: 409,
  QUARTER_CLOSED: 409,
  INVALID_TRANSITION: 409,
  // social insurance
  PARAMETER_MISSING: 422,
  NOT_ENROLLED: 409,
  ALREADY_ENROLLED: 409,
  RETIRED: 409,
  PERIOD_CLOSED: 409,
  UNKNOWN_EMPLOYEE: 400,
  NO_EMPLOYMENT: 409,
  LEDGER_UNBALANCED: 422, // insurance collection: a journal whose debits and credits differ in a scheme
  // wage arrears
  MARKUP_NOT_ALLOWED: 400,
  NOT_LISTABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof ErrorStatus;

export interface FieldError {
  field: string;
  code: string;
  message: string;
  /** Which rule failed, for clients that word it themselves (e.g. CHECK_CHARACTER of INVALID_ID_NUMBER). */
  reason?: string;
}

/** The one application error: a code (stable), a message a person understands, and failing fields. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = ErrorStatus[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
