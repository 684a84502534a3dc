import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./multi-host.ts";

describe("parseDatabaseUrl", () => {
  it("splits a libpq multi-host URL into one URL per host, in order", () => {
    const parsed = parseDatabaseUrl(
      "postgres://cchc:mật%20khẩu@db1:5432,db2:5433/cchc?target_session_attrs=read-write&sslmode=disable",
    );
    expect(parsed.hosts).toEqual([
      { host: "db1", port: 5432 },
      { host: "db2", port: 5433 },
    ]);
    expect(parsed.readWrite).toBe(true);
    expect(parsed.urls).toEqual([
      "postgres://cchc:mật%20khẩu@db1:5432/cchc?sslmode=disable",
      "postgres://cchc:mật%20khẩu@db2:5433/cchc?sslmode=disable",
    ]);
  });

  it("reads one host, default ports, IPv6 and target_session_attrs=any", () => {
    expect(parseDatabaseUrl("postgresql://localhost/cchc")).toMatchObject({
      hosts: [{ host: "localhost", port: 5432 }],
      readWrite: false,
    });
    expect(
      parseDatabaseUrl("postgres://u@[::1]:6432,h2/db?target_session_attrs=any"),
    ).toMatchObject({
      hosts: [
        { host: "::1", port: 6432 },
        { host: "h2", port: 5432 },
      ],
      urls: ["postgres://u@[::1]:6432/db", "postgres://u@h2:5432/db"],
      readWrite: false,
    });
  });

  it("refuses session attributes it cannot honour and malformed ports", () => {
    expect(() => parseDatabaseUrl("postgres://h1,h2/db?target_session_attrs=standby")).toThrow(
      /not supported/,
    );
    expect(() => parseDatabaseUrl("postgres://h1:abc/db")).toThrow(/host:port/);
  });
});
