import { ApiError, request, requestData, setCsrfToken } from "./client.ts";
import type { Me, PasswordChangeRequest, SessionResponse, SignInRequest } from "./types.ts";

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const { data } = await request<SessionResponse>("/api/auth/me");
    setCsrfToken(data.csrfToken);
    return data.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signIn(input: SignInRequest): Promise<Me> {
  const data = await requestData<SessionResponse>("/api/auth/sign-in", {
    method: "POST",
    body: input,
  });
  setCsrfToken(data.csrfToken);
  return data.user;
}

/** Sets a new password for the signed-in user; the user's other sessions end. */
export async function changePassword(input: PasswordChangeRequest): Promise<Me> {
  const data = await requestData<SessionResponse>("/api/auth/password", {
    method: "POST",
    body: input,
  });
  setCsrfToken(data.csrfToken);
  return data.user;
}

export async function signOut(): Promise<void> {
  await requestData<{ ok: true }>("/api/auth/sign-out", { method: "POST", body: {} });
  setCsrfToken(null);
}
