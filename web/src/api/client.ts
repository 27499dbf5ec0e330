// The one way the app talks to the server: same-origin fetch with the session cookie,
// the CSRF header on every request, JSON in and out, and typed errors.

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  /** The whole `error` object of the answer (e.g. `rows` of a failed import). */
  readonly details: Record<string, unknown>

  constructor(status: number, code: string, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.details = details
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: Query
  body?: unknown
  /** Sent as is (a file's bytes) with `contentType`, instead of JSON. */
  rawBody?: Blob
  contentType?: string
  /** false: a 401 is only thrown, not answered by sending the user to the login page. */
  redirectOn401?: boolean
  signal?: AbortSignal
}

type UnauthorizedHandler = () => void
let onUnauthorized: UnauthorizedHandler = () => {}

/** Set by main.ts: what to do when the session is gone (clear the user, go to /login). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler
}

/** A same-origin URL with the non-empty query values (for export links). */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

async function parseError(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status
  let message = res.statusText || `HTTP ${res.status}`
  let field: string | undefined
  let details: Record<string, unknown> = {}
  try {
    const data = (await res.json()) as { error?: { code?: string; message?: string; field?: string } }
    if (data?.error) {
      code = data.error.code ?? code
      message = data.error.message ?? message
      field = data.error.field
      details = data.error as Record<string, unknown>
    }
  } catch {
    // Not JSON (a proxy error page, say): keep the status text.
  }
  return new ApiError(res.status, code, message, field, details)
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, rawBody, contentType, redirectOn401 = true, signal } = options
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-Requested-With': 'jiguan',
  }
  if (rawBody !== undefined) headers['Content-Type'] = contentType || 'application/octet-stream'
  else if (body !== undefined) headers['Content-Type'] = 'application/json'

  let res: Response
  try {
    res = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: rawBody !== undefined ? rawBody : body === undefined ? undefined : JSON.stringify(body),
      signal,
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : String(err))
  }

  if (!res.ok) {
    const error = await parseError(res)
    if (res.status === 401 && redirectOn401) onUnauthorized()
    throw error
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const api = {
  get: <T>(path: string, query?: Query, options?: RequestOptions) =>
    request<T>(path, { ...options, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>(path, { ...options, method: 'PATCH', body }),
  upload: <T>(path: string, file: Blob, contentType: string, options?: RequestOptions) =>
    request<T>(path, { ...options, method: 'POST', rawBody: file, contentType }),
  delete: <T>(path: string, options?: RequestOptions) =>
    request<T>(path, { ...options, method: 'DELETE' }),
}
