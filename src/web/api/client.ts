/**
 * The one HTTP client of the SPA. Same-origin cookies carry the session; every state-changing
 * request carries the CSRF token from the latest sign-in or `/api/auth/me` response; every error
 * envelope becomes an `ApiError` whose message is the server's Vietnamese text.
 */
import { vi } from "../i18n/vi.ts";
import type { ApiErrorBody, ApiErrorDetail, ApiSuccess } from "./types.ts";

let csrfToken: string | null = null;

/** Remember the token from the latest sign-in or `/api/auth/me` response. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for a state-changing request made without `request` (a file download). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { "x-csrf-token": csrfToken } : {};
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type QueryValue = string | number | boolean | null | undefined;

export function buildQuery(params: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** A JSON body, or FormData for uploads. */
  body?: unknown;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

/** Perform a request and return the whole success envelope (`data` and `can`). */
export async function request<T, C = undefined>(
  path: string,
  { method = "GET", body, signal }: RequestOptions = {},
): Promise<ApiSuccess<T, C>> {
  const headers: Record<string, string> = { accept: "application/json" };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: "same-origin",
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK_ERROR", vi.errors.network);
  }

  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (!response.ok) {
    if (isErrorBody(json)) {
      const { code, message, details } = json.error;
      throw new ApiError(response.status, code, message, details ?? []);
    }
    throw new ApiError(response.status, "HTTP_ERROR", vi.errors.unexpected(response.status));
  }
  if (typeof json !== "object" || json === null || !("data" in json)) {
    throw new ApiError(response.status, "BAD_RESPONSE", vi.errors.badResponse);
  }
  return json as ApiSuccess<T, C>;
}

/** Perform a request and return only `data`. */
export async function requestData<T>(path: string, options?: RequestOptions): Promise<T> {
  const envelope = await request<T, unknown>(path, options);
  return envelope.data;
}

/** The Vietnamese message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return vi.errors.unknown;
}

/**
 * POSTs a JSON body to a route that answers a file, and saves the file under `fileName` (a
 * refusal states its reason as an `ApiError`, as `request` does).
 */
export async function downloadPosted(path: string, body: unknown, fileName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...csrfHeaders() },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "NETWORK_ERROR", vi.errors.network);
  }
  if (!response.ok) {
    const json: unknown = await response.json().catch(() => undefined);
    if (isErrorBody(json)) {
      const { code, message, details } = json.error;
      throw new ApiError(response.status, code, message, details ?? []);
    }
    throw new ApiError(response.status, "HTTP_ERROR", vi.errors.unexpected(response.status));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
