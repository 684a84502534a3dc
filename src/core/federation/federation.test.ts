import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  checkEnvelope,
  checkOrder,
  checkSender,
  contentOf,
  type SnapshotEnvelope,
} from "./federation.ts";

const NOW = new Date("2026-04-10T03:00:00.000Z");

function envelope(overrides: Partial<SnapshotEnvelope> = {}): SnapshotEnvelope {
  const ratio = { numerator: 3, denominator: 4 };
  return {
    format: 1,
    senderInstanceId: "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
    reportId: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
    unitCode: "26734",
    kind: { name: "Báo cáo CCHC quý", periodKind: "quarterly" },
    period: {
      key: "2026-Q1",
      label: "Quý I năm 2026",
      from: "2026-01-01",
      to: "2026-03-31",
      dueDate: "2026-03-15",
    },
    version: 1,
    submittedAt: "2026-04-09T02:00:00.000Z",
    submittedByName: "Nguyễn Văn A",
    figures: {
      unit: { id: "u-1", name: "Phường Hòa Bình", code: "26734" },
      period: {
        key: "2026-Q1",
        label: "Quý I năm 2026",
        from: "2026-01-01",
        to: "2026-03-31",
        asOf: "2026-04-09",
      },
      tasks: {
        available: false,
        asOf: "2026-04-09",
        areas: [],
        total: { doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, total: 0 },
        rule: "",
      },
      targets: { available: false, items: [] },
      oneStop: {
        available: true,
        received: 4,
        carriedOver: 0,
        resolved: 4,
        onTime: ratio,
        pendingAtEnd: 0,
        overdueAtEnd: 0,
        online: ratio,
        apology: ratio,
      },
      feedback: { available: false, received: 0, onTime: ratio, pending: 0, overdue: 0 },
      satisfaction: { available: false, rate: ratio, respondents: 0, isSmallSample: true },
      serviceIndex766: { available: false, total: null, scale: 100, band: null },
    },
    narrative: { results: "Kết quả" },
    createdAt: "2026-04-10T02:59:00.000Z",
    ...overrides,
  };
}

describe("canonical JSON", () => {
  it("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("gives the same bytes whatever order the keys were written in", () => {
    const a = envelope();
    const reversed = Object.fromEntries(Object.entries(a).reverse());
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(a));
    expect(canonicalJson(reversed)).toBe(canonicalJson(a));
  });

  it("refuses numbers JSON cannot carry", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: Infinity })).toThrow();
  });

  it("leaves the signing time out of the content key", () => {
    expect(contentOf(envelope())).toBe(
      contentOf(envelope({ createdAt: "2026-04-10T01:00:00.000Z" })),
    );
    expect(contentOf(envelope())).not.toBe(contentOf(envelope({ narrative: { results: "Khác" } })));
  });
});

describe("checkEnvelope", () => {
  it("accepts a well-formed envelope signed a minute ago", () => {
    const result = checkEnvelope(envelope(), NOW);
    expect(result.ok).toBe(true);
  });

  it("refuses a malformed envelope with the path of the first problem", () => {
    const result = checkEnvelope({ ...envelope(), version: 0 }, NOW);
    expect(result).toMatchObject({ ok: false, code: "FEDERATION_ENVELOPE_INVALID" });
    expect(!result.ok && result.reason).toContain("version");
    expect(checkEnvelope("not an object", NOW)).toMatchObject({
      code: "FEDERATION_ENVELOPE_INVALID",
    });
  });

  it("refuses a period key that does not fit the kind of period, or the figures' period", () => {
    const yearlyKey = envelope({
      kind: { name: "Báo cáo CCHC năm", periodKind: "yearly" },
    });
    expect(checkEnvelope(yearlyKey, NOW)).toMatchObject({ code: "FEDERATION_PERIOD_MISMATCH" });
    const e = envelope();
    const otherFigures = { ...e, period: { ...e.period, key: "2026-Q2" } };
    expect(checkEnvelope(otherFigures, NOW)).toMatchObject({
      code: "FEDERATION_PERIOD_MISMATCH",
    });
  });

  it("refuses figures of another unit than the one named", () => {
    expect(checkEnvelope(envelope({ unitCode: "99999" }), NOW)).toMatchObject({
      code: "FEDERATION_UNIT_NOT_OWNED",
    });
  });

  it("refuses an envelope signed more than a day ago or more than five minutes ahead", () => {
    const old = envelope({ createdAt: "2026-04-09T02:59:59.000Z" });
    expect(checkEnvelope(old, NOW)).toMatchObject({ code: "FEDERATION_TOO_OLD" });
    const dayOld = envelope({ createdAt: "2026-04-09T03:00:00.000Z" });
    expect(checkEnvelope(dayOld, NOW).ok).toBe(true);
    const ahead = envelope({ createdAt: "2026-04-10T03:05:01.000Z" });
    expect(checkEnvelope(ahead, NOW)).toMatchObject({ code: "FEDERATION_FROM_FUTURE" });
    const skewed = envelope({ createdAt: "2026-04-10T03:05:00.000Z" });
    expect(checkEnvelope(skewed, NOW).ok).toBe(true);
  });
});

describe("checkSender", () => {
  const e = envelope();
  it("needs a registered, unrevoked child standing for an existing unit of the envelope", () => {
    expect(checkSender(e, null, true)).toBe("FEDERATION_SENDER_UNKNOWN");
    expect(checkSender(e, { revokedAt: NOW, unitCode: "26734" }, true)).toBe(
      "FEDERATION_SENDER_REVOKED",
    );
    expect(checkSender(e, { revokedAt: null, unitCode: "26734" }, false)).toBe(
      "FEDERATION_UNIT_UNKNOWN",
    );
    expect(checkSender(e, { revokedAt: null, unitCode: "26737" }, true)).toBe(
      "FEDERATION_UNIT_NOT_OWNED",
    );
    expect(checkSender(e, { revokedAt: null, unitCode: "26734" }, true)).toBeNull();
  });
});

describe("checkOrder", () => {
  it("takes a newer version, answers a retry of the same content as a duplicate, refuses the rest", () => {
    const v1 = envelope();
    const v2 = envelope({ version: 2, narrative: { results: "Sửa lại" } });
    expect(checkOrder(v1, [])).toBe("new");
    const received = [{ version: 1, content: contentOf(v1) }];
    expect(checkOrder(v2, received)).toBe("new");
    expect(checkOrder({ ...v1, createdAt: "2026-04-10T02:59:30.000Z" }, received)).toBe(
      "duplicate",
    );
    expect(checkOrder({ ...v1, narrative: { results: "Giả mạo" } }, received)).toBe(
      "FEDERATION_REPLAY",
    );
    const both = [...received, { version: 2, content: contentOf(v2) }];
    expect(checkOrder(envelope({ version: 1, narrative: { x: "y" } }), both)).toBe(
      "FEDERATION_REPLAY",
    );
    // An old version arriving after a newer one (out of order) is refused too.
    expect(checkOrder(v1, [{ version: 2, content: contentOf(v2) }])).toBe("FEDERATION_REPLAY");
  });
});
