/** One problem the server found in a document (422 `invalid_document`). */
export interface Issue {
  line?: number;
  field?: string;
  message: string;
}

/** A failed API call, with the server's Danish message and, for documents, its issues. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

/** What to show a maintainer for a failed call: the server's Danish message, or the error itself. */
export function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

/** The header the server asks of cookie-authenticated uploads (a cross-site form cannot set it). */
const UPLOAD_HEADER = 'X-Helpdesk-Admin';

/** Calls the admin API with the session cookie; JSON in and out, errors as `ApiError`. */
export async function api<T>(method: string, path: string, body?: unknown, type = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
    headers[UPLOAD_HEADER] = '1';
  } else if (body !== undefined) {
    headers['Content-Type'] = type;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError('Serveren kunne ikke nås. Tjek forbindelsen, og prøv igen.', 0, 'network');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; details?: { issues?: Issue[] } };
  };
  if (!res.ok) {
    const e = data.error ?? {};
    throw new ApiError(e.message ?? `Fejl ${res.status}`, res.status, e.code ?? 'unknown', e.details?.issues ?? []);
  }
  return data as T;
}
