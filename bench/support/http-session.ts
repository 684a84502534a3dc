/** A signed-in client of a bench server (cookie and CSRF token), and a process's memory. */
import { readFileSync } from "node:fs";

export const DEMO_PASSWORD = "cchc-demo-2026";

export function rssMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export class Session {
  private cookie = "";
  private csrf = "";
  constructor(private readonly base: string) {}

  async call<T = { data: unknown }>(
    method: string,
    route: string,
    body?: FormData | object,
  ): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== "GET") headers["x-csrf-token"] = this.csrf;
    if (body && !(body instanceof FormData)) headers["content-type"] = "application/json";
    const response = await fetch(this.base + route, {
      method,
      headers,
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
    });
    const cookie = response.headers.get("set-cookie");
    if (cookie) this.cookie = cookie.split(";")[0]!;
    const json = (await response.json()) as T;
    if (response.status >= 300)
      throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** The headers that carry this session on a raw request (cookie, and the CSRF token for writes). */
  headers(): Record<string, string> {
    return { cookie: this.cookie, "x-csrf-token": this.csrf };
  }

  async signIn(username: string) {
    const json = await this.call<{ data: { csrfToken: string } }>("POST", "/api/auth/sign-in", {
      username,
      password: DEMO_PASSWORD,
    });
    this.csrf = json.data.csrfToken;
  }
}
