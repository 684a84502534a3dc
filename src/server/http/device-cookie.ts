import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * The `cchc_device` cookie: a random token a browser gets when it signs in successfully; sign-in
 * from that browser is then throttled on its own (services/sign-in-throttle.ts). It grants
 * nothing else and is sent only to the sign-in route.
 */
export const DEVICE_COOKIE = "cchc_device";
const DEVICE_COOKIE_PATH = "/api/auth/sign-in";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function deviceTokenOf(request: FastifyRequest): string | null {
  const token = request.cookies[DEVICE_COOKIE];
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

/** Set after the session cookie (a client reading one Set-Cookie header sees the session first). */
export function setDeviceCookie(reply: FastifyReply, token: string, secure: boolean) {
  void reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: DEVICE_COOKIE_PATH,
    maxAge: ONE_YEAR_SECONDS,
  });
}
