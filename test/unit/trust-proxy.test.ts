import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/server/config.ts";
import { parseTrustProxy } from "../../src/server/trust-proxy.ts";

describe("CCHC_TRUST_PROXY", () => {
  it("trusts nobody by default", () => {
    for (const value of [undefined, "", "false", "0"]) expect(parseTrustProxy(value)).toBe(false);
  });

  it("takes a list of proxy addresses and ranges", () => {
    expect(parseTrustProxy("127.0.0.1, 10.0.0.0/8,::1,fd00::/8,Loopback")).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
    expect(loadConfig({ CCHC_TRUST_PROXY: "192.168.1.10" }).trustProxy).toEqual(["192.168.1.10"]);
  });

  it("refuses to trust everyone, hop counts and what is not an address, with a clear message", () => {
    const refusal = (value: string) => {
      try {
        parseTrustProxy(value);
      } catch (error) {
        return error as { code: string; message: string };
      }
      throw new Error(`${value} was accepted`);
    };
    expect(refusal("true")).toMatchObject({
      code: "CONFIG_TRUST_PROXY_INVALID",
      message: expect.stringMatching(/^CCHC_TRUST_PROXY=“true” không hợp lệ: “true” tin mọi máy/),
    });
    expect(refusal("0.0.0.0/0").message).toContain("tin mọi máy");
    expect(refusal("::/0").message).toContain("tin mọi máy");
    expect(refusal("1").message).toContain("số lớp proxy");
    expect(refusal("10.0.0.1,proxy.local").message).toContain(
      "“proxy.local” không phải địa chỉ IP",
    );
    expect(refusal("10.0.0.0/33").message).toContain("không phải địa chỉ IP");
    expect(refusal("*").code).toBe("CONFIG_TRUST_PROXY_INVALID");
    expect(() => loadConfig({ CCHC_TRUST_PROXY: "true" })).toThrow(/CCHC_TRUST_PROXY/);
  });
});
