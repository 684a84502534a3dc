/**
 * `cchc index 766 --inputs FILE [--json]` end to end (spawned): text and JSON output on figures
 * computed by hand, missing indicators on their policies, and refusals in Vietnamese with the path,
 * a non-zero exit and no stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli-process.ts";

const TIMEOUT = 60_000;
const folder = mkdtempSync(join(tmpdir(), "cchc-index-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

/** Only some indicators: the others follow their zero-denominator policy. */
const partial = {
  indicators: {
    ON_TIME: { numerator: 920, denominator: 1000 },
    PUBLISH_ON_TIME: { value: 95, source: "Báo cáo của Sở Tư pháp" },
    DOSSIER_RECEIVING_SATISFACTION: { numerator: 855, denominator: 1000 },
    ONLINE_PAYMENT_FORMALITY: { numerator: 6, denominator: 10 },
  },
};

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("cchc index 766", () => {
  it(
    "prints the exact JSON summary; missing indicators follow their policy",
    async () => {
      const result = await runCli([
        "index",
        "766",
        "--inputs",
        file("partial.json", partial),
        "--json",
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      // Group 1: 6 × 0,95 = 5,7 + full 4 + full 2 + none 0 = 11,7. Group 2: 18,4. Group 4: 2 × 0,6/0,8
      // = 1,5. Group 6: PAKN full 6 + 6, 6 × 0,855/0,9 = 5,7 → 17,7. Total 11,7 + 18,4 + 1,5 + 17,7 = 49,3.
      expect(JSON.parse(result.stdout)).toEqual({
        total: 49.3,
        band: "Yếu",
        groups: [
          {
            code: "TRANSPARENCY",
            name: "Công khai, minh bạch",
            points: 11.7,
            max: 18,
            indicators: [
              { code: "PUBLISH_ON_TIME", points: 5.7, max: 6, ratio: 0.95 },
              { code: "PUBLIC_UPDATE_ON_TIME", points: 4, max: 4, ratio: null },
              { code: "PUBLIC_CONTENT_FULL", points: 2, max: 2, ratio: null },
              { code: "DOSSIER_SYNC", points: 0, max: 6, ratio: null },
            ],
          },
          {
            code: "PROGRESS",
            name: "Tiến độ, kết quả giải quyết",
            points: 18.4,
            max: 20,
            indicators: [{ code: "ON_TIME", points: 18.4, max: 20, ratio: 0.92 }],
          },
          {
            code: "ONLINE_SERVICE",
            name: "Dịch vụ công trực tuyến",
            points: 0,
            max: 12,
            indicators: [{ code: "ONLINE_FULL_PROCESS_DOSSIER", points: 0, max: 12, ratio: null }],
          },
          {
            code: "ONLINE_PAYMENT",
            name: "Thanh toán trực tuyến",
            points: 1.5,
            max: 10,
            indicators: [
              { code: "ONLINE_PAYMENT_DOSSIER", points: 0, max: 6, ratio: null },
              { code: "ONLINE_PAYMENT_FORMALITY", points: 1.5, max: 2, ratio: 0.6 },
              { code: "ONLINE_PAYMENT_INTEGRATED_FORMALITY", points: 0, max: 2, ratio: null },
            ],
          },
          {
            code: "DIGITIZATION",
            name: "Số hóa hồ sơ",
            points: 0,
            max: 22,
            indicators: [
              { code: "ORIGINAL_RESULT_AVAILABLE", points: 0, max: 6, ratio: null },
              { code: "SO_HOA_GIAY_TO_GIAI_QUYET", points: 0, max: 4, ratio: null },
              { code: "ELECTRONIC_CERTIFIED_COPY", points: 0, max: 2, ratio: null },
              { code: "REUSED_DIGITIZED_DATA", points: 0, max: 2, ratio: null },
              { code: "SYNCED_WITH_DVCQG_PERSONAL_STORAGE", points: 0, max: 4, ratio: null },
              { code: "CITIZEN_DATA_CONNECTED_DOSSIER", points: 0, max: 2, ratio: null },
              { code: "CITIZEN_DATA_CONNECTED_FORMALITY", points: 0, max: 2, ratio: null },
            ],
          },
          {
            code: "SATISFACTION",
            name: "Mức độ hài lòng",
            points: 17.7,
            max: 18,
            indicators: [
              { code: "PETITION_PROCESSING_ON_TIME", points: 6, max: 6, ratio: null },
              { code: "PETITION_HANDLING_SATISFACTION", points: 6, max: 6, ratio: null },
              { code: "DOSSIER_RECEIVING_SATISFACTION", points: 5.7, max: 6, ratio: 0.855 },
            ],
          },
        ],
      });
    },
    TIMEOUT,
  );

  it(
    "prints each group's points, the explanations, the total and the band in Vietnamese",
    async () => {
      const result = await runCli(["index", "766", "--inputs", file("text.json", partial)]);
      expect(result.code).toBe(0);
      const lines = result.stdout.split("\n");
      expect(lines[0]).toBe(
        "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg) — phiên bản 2026.1-portal, hiệu lực từ 23/06/2022",
      );
      expect(lines).toEqual(
        expect.arrayContaining([
          "Công khai, minh bạch: 11,70/18",
          "  - TTHC công bố đúng hạn: 5,70/6 = 6 × 95,00% (số liệu nhập tay, nguồn: Báo cáo của Sở Tư pháp)",
          "  - TTHC cập nhật, công khai đúng hạn: 4,00/4 — chưa có số liệu: được điểm tối đa theo quy định của bộ chỉ số",
          "Tiến độ giải quyết: 18,40/20",
          "  - Tiến độ giải quyết: 18,40/20 = 20 × 920/1.000 hồ sơ đúng hạn",
          "Dịch vụ công trực tuyến: 0,00/12",
          "Thanh toán trực tuyến: 1,50/10",
          "Số hóa hồ sơ: 0,00/22",
          "Mức độ hài lòng: 17,70/18",
          "Tổng điểm: 49,30/100 — xếp loại Yếu",
        ]),
      );
    },
    TIMEOUT,
  );

  it(
    "refuses a bad inputs file with each path, exit 2, no stack trace",
    async () => {
      const bad = file("bad.json", {
        indicators: {
          ON_TIME: { numerator: 1200, denominator: 1000 },
          ONTIME: { numerator: 1, denominator: 2 },
          PUBLISH_ON_TIME: { value: 95 },
        },
      });
      const result = await runCli(["index", "766", "--inputs", bad]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        [
          `INDEX_INPUTS_INVALID: Tệp số liệu “${bad}” có lỗi; chưa chấm điểm.`,
          "  - indicators.ON_TIME.numerator: Tử số lớn hơn mẫu số.",
          "  - indicators.ONTIME: Không có chỉ tiêu “ONTIME” trong Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg) (phiên bản 2026.1-portal).",
          "  - indicators.PUBLISH_ON_TIME.source: Cần ghi nguồn của số liệu nhập tay.",
          "",
        ].join("\n"),
      );
    },
    TIMEOUT,
  );

  it(
    "refuses a file that is not JSON, a missing file and an unknown index",
    async () => {
      const notJson = await runCli([
        "index",
        "766",
        "--inputs",
        file("broken.json", '{"indicators":'),
      ]);
      expect(notJson.code).toBe(2);
      expect(notJson.stderr).toMatch(
        /^INDEX_FILE_NOT_JSON: Tệp số liệu “.*broken\.json” không phải JSON hợp lệ/,
      );
      noStack(notJson.stderr);
      const missing = await runCli([
        "index",
        "766",
        "--inputs",
        join(folder, "none.json"),
        "--json",
      ]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("INDEX_FILE_UNREADABLE: Không đọc được tệp số liệu");
      expect(missing.stderr).toContain("không tìm thấy tệp.");
      const unknown = await runCli(["index", "999", "--inputs", file("ok.json", partial)]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("METHODOLOGY_UNKNOWN: Không có bộ chỉ số “999”.");
      noStack(unknown.stderr);
    },
    TIMEOUT,
  );

  it(
    "scores a methodology document file, and refuses a broken one with its paths",
    async () => {
      const document = {
        code: "thu",
        version: "1",
        name: "Bộ chỉ số thử",
        kind: "par_index",
        effectiveFrom: "2026-01-01",
        scale: 10,
        bands: [
          { code: "dat", label: "Đạt", min: 5 },
          { code: "chua_dat", label: "Chưa đạt", min: 0 },
        ],
        nodes: [
          {
            code: "G",
            name: "Nhóm",
            maxPoints: 10,
            children: [
              {
                code: "ON_TIME",
                name: "Đúng hạn",
                maxPoints: 10,
                rule: { type: "threshold", threshold: 0.8 },
                zeroDenominator: "none",
              },
            ],
          },
        ],
      };
      const inputs = file("small.json", {
        indicators: { ON_TIME: { numerator: 6, denominator: 10 } },
      });
      const scored = await runCli([
        "index",
        file("doc.json", document),
        "--inputs",
        inputs,
        "--json",
      ]);
      expect(scored.code).toBe(0);
      // 10 × 0,6 / 0,8 = 7,5
      expect(JSON.parse(scored.stdout)).toMatchObject({ total: 7.5, band: "Đạt" });

      const broken = structuredClone(document) as any;
      broken.nodes[0].children[0].rule = { type: "percent" };
      broken.nodes[0].maxPoints = 9;
      const path = file("broken-doc.json", broken);
      const refused = await runCli(["index", path, "--inputs", inputs]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        [
          `METHODOLOGY_DOCUMENT_INVALID: Tệp phương pháp chấm “${path}” có lỗi; chưa chấm điểm.`,
          "  - nodes.0.children.0.rule.type: Loại quy tắc không hợp lệ; chỉ nhận: ratio, threshold, steps, manual, bonus, penalty.",
          "",
        ].join("\n"),
      );
    },
    TIMEOUT,
  );
});
