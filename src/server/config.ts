import { resolve } from "node:path";
import { parseTrustProxy, type TrustProxySetting } from "./trust-proxy.ts";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Serve the session cookie with `Secure` (set when CCHC is reached over HTTPS). */
  secureCookies: boolean;
  /** Peers allowed to set X-Forwarded-For (CCHC_TRUST_PROXY, see trust-proxy.ts). */
  trustProxy: TrustProxySetting;
  loadDemo: boolean;
  /**
   * `CCHC_ENV=development` marks a developer's machine; anything else (the default) is a real
   * installation, where the demo accounts must change the shared demo password at first sign-in.
   */
  environment: "development" | "production";
  logLevel: string;
  webDir: string;
  /** CCHC_FEDERATION_SECRET: encrypts the federation key; federation is off without it. */
  federationSecret: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number.parseInt(env.PORT ?? "3000", 10),
    host: env.HOST ?? "0.0.0.0",
    dataDir: resolve(env.CCHC_DATA_DIR ?? "./data"),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    secureCookies: env.CCHC_SECURE_COOKIES === "true",
    trustProxy: parseTrustProxy(env.CCHC_TRUST_PROXY),
    loadDemo: env.CCHC_DEMO !== "false",
    environment: env.CCHC_ENV === "development" ? "development" : "production",
    logLevel: env.CCHC_LOG_LEVEL ?? "info",
    webDir: resolve(env.CCHC_WEB_DIR ?? "./dist/web"),
    federationSecret: env.CCHC_FEDERATION_SECRET?.trim() || null,
  };
}
