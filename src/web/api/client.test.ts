import { afterEach, describe, expect, it, vi as vitest } from "vitest";
import { ApiError, buildQuery, request, setCsrfToken } from "./client.ts";

function respond(status: number, body: unknown) {
  return vitest.fn(async (_url: string, _init?: RequestInit) => {
    return new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });
  });
}

afterEach(() => {
  vitest.unstubAllGlobals();
  setCsrfToken(null);
});

describe("API client", () => {
  it("sends the CSRF token on state-changing requests only, with same-origin cookies", async () => {
    const fetchMock = respond(200, { data: { ok: true } });
    vitest.stubGlobal("fetch", fetchMock);
    setCsrfToken("token-1");

    await request("/api/units");
    await request("/api/units", { method: "POST", body: { code: "X" } });

    const [, getInit] = fetchMock.mock.calls[0]!;
    const [, postInit] = fetchMock.mock.calls[1]!;
    expect(getInit?.credentials).toBe("same-origin");
    expect((getInit?.headers as Record<string, string>)["x-csrf-token"]).toBeUndefined();
    expect((postInit?.headers as Record<string, string>)["x-csrf-token"]).toBe("token-1");
    expect(postInit?.body).toBe('{"code":"X"}');
  });

  it("turns the error envelope into an ApiError with the Vietnamese message", async () => {
    vitest.stubGlobal(
      "fetch",
      respond(409, {
        error: {
          code: "UNIT_CODE_TAKEN",
          message: "Mã đơn vị 06658 đã được sử dụng.",
          details: [{ path: "code", message: "Trùng mã." }],
        },
      }),
    );
    const error = await request("/api/units", { method: "POST", body: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: "UNIT_CODE_TAKEN",
      message: "Mã đơn vị 06658 đã được sử dụng.",
      details: [{ path: "code", message: "Trùng mã." }],
    });
  });

  it("explains in Vietnamese when the server is unreachable or answers without an envelope", async () => {
    vitest.stubGlobal(
      "fetch",
      vitest.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    await expect(request("/api/health")).rejects.toThrow(/Không kết nối được máy chủ/);

    vitest.stubGlobal(
      "fetch",
      vitest.fn(async () => new Response("<html>Bad gateway</html>", { status: 502 })),
    );
    await expect(request("/api/health")).rejects.toThrow(/mã 502/);
  });

  it("builds query strings without empty parameters", () => {
    expect(buildQuery({ q: "hòa", level: undefined, includeInactive: false })).toBe("?q=h%C3%B2a");
    expect(buildQuery({ includeInactive: true })).toBe("?includeInactive=true");
    expect(buildQuery({})).toBe("");
  });
});
