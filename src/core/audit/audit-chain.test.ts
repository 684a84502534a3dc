import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  canonicalJson,
  chainInput,
  verifyChain,
  type StoredAuditEntry,
} from "./audit-chain.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function buildChain(count: number): StoredAuditEntry[] {
  const entries: StoredAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const fields = {
      id: i,
      at: `2026-01-0${(i % 9) + 1}T00:00:00.000Z`,
      actorId: null,
      actorName: "Hệ thống",
      action: "unit.create",
      entityType: "unit",
      entityId: `u${i}`,
      unitId: null,
      beforeDigest: null,
      afterDigest: sha256(`after${i}`),
      summary: `Tạo đơn vị ${i}`,
    };
    const hash = sha256(chainInput(prev, fields));
    entries.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

describe("audit chain", () => {
  it("verifies an intact chain", () => {
    expect(verifyChain(buildChain(5), sha256)).toEqual({
      ok: true,
      checked: 5,
      firstBrokenId: null,
    });
  });
  it("detects an edited entry", () => {
    const chain = buildChain(5);
    chain[2] = { ...chain[2]!, summary: "Đã sửa" };
    expect(verifyChain(chain, sha256)).toMatchObject({ ok: false, firstBrokenId: 3 });
  });
  it("detects a deleted entry", () => {
    const chain = buildChain(5);
    chain.splice(1, 1);
    expect(verifyChain(chain, sha256)).toMatchObject({ ok: false, firstBrokenId: 3 });
  });
  it("serialises objects with sorted keys", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});
