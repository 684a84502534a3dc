import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { DEVICE_COOKIE, deviceTokenOf } from "./device-cookie.ts";

/**
 * The `cchc_device` cookie of the public SIPAS page and kiosk: the same random token as at
 * sign-in (device-cookie.ts), but scoped to `/api/public/sipas`, so the two never meet. It only
 * lets the abuse limit count a phone or a kiosk on its own; its hash is all that is stored.
 */
const SURVEY_COOKIE_PATH = "/api/public/sipas";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The browser's token, or a new one set on the reply. */
export function surveyDeviceToken(
  request: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
): { token: string; isNew: boolean } {
  const existing = deviceTokenOf(request);
  if (existing) return { token: existing, isNew: false };
  const token = randomBytes(32).toString("base64url");
  void reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: SURVEY_COOKIE_PATH,
    maxAge: ONE_YEAR_SECONDS,
  });
  return { token, isNew: true };
}
