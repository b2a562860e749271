/**
 * The one way the console talks to hrss: JSON over fetch with the session cookie, the CSRF
 * header on every mutation, and RFC 9457 problem+json turned into `ApiError`. A 401 that says
 * the session is gone (SESSION_EXPIRED, UNAUTHENTICATED) is reported to the auth layer, which
 * sends the user back to the login page with a message.
 */
export interface FieldProblem { field: string; code: string; message: string; reason?: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly requestId: string | null = null,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION_GONE = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED']);

let csrfToken: string | null = null;
let onSessionGone: ((code: string) => void) | null = null;

export function setCsrfToken(token: string | null) { csrfToken = token; }
export function setSessionGoneHandler(handler: ((code: string) => void) | null) { onSessionGone = handler; }

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions { query?: Query; body?: unknown; signal?: AbortSignal; /** do not treat a 401 as a lost session (login, the first /me) */ anonymousOk?: boolean }

function problemFrom(status: number, body: unknown, fallback: string): ApiError {
  if (body && typeof body === 'object' && 'code' in body) {
    const b = body as { code: string; title?: string; fields?: FieldProblem[]; requestId?: string };
    return new ApiError(status, b.code, b.title ?? fallback, Array.isArray(b.fields) ? b.fields : [], b.requestId ?? null, body as Record<string, unknown>);
  }
  return new ApiError(status, status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', fallback);
}

function reportIfSessionGone(err: ApiError, anonymousOk?: boolean) {
  if (err.status === 401 && SESSION_GONE.has(err.code) && !anonymousOk) onSessionGone?.(err.code);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (MUTATING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method, headers, credentials: 'same-origin', signal: opts.signal,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!res.ok) {
    const err = problemFrom(res.status, body, res.statusText || `HTTP ${res.status}`);
    reportIfSessionGone(err, opts.anonymousOk);
    throw err;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Uploads one file as multipart/form-data (field `file`). XMLHttpRequest, not fetch, because
 * only it reports upload progress; `onProgress` gets the share of bytes sent (0..1).
 */
export function uploadFile<T>(path: string, file: File, onProgress?: (sent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Network error'));
    xhr.onload = () => {
      let body: unknown = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const err = problemFrom(xhr.status, body, xhr.statusText || `HTTP ${xhr.status}`);
      reportIfSessionGone(err);
      reject(err);
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
