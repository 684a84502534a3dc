import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function cchc(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile("node", ["bin/cchc.js", ...args], { cwd: repositoryRoot }, (error, stdout, stderr) => {
      const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const TIMEOUT = 30_000;

describe("cchc calendar", () => {
  it(
    "lists the 2026 holidays as JSON",
    async () => {
      const result = await cchc("calendar", "holidays", "2026", "--json");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([
        { date: "2026-01-01", name: "Tết Dương lịch", kind: "statutory" },
        {
          date: "2026-02-16",
          name: "Tết Nguyên đán (29 tháng Chạp)",
          kind: "statutory",
          lunar: "29/12",
          basis: "official",
        },
        {
          date: "2026-02-17",
          name: "Tết Nguyên đán (mùng 1)",
          kind: "statutory",
          lunar: "01/01",
          basis: "official",
        },
        {
          date: "2026-02-18",
          name: "Tết Nguyên đán (mùng 2)",
          kind: "statutory",
          lunar: "02/01",
          basis: "official",
        },
        {
          date: "2026-02-19",
          name: "Tết Nguyên đán (mùng 3)",
          kind: "statutory",
          lunar: "03/01",
          basis: "official",
        },
        {
          date: "2026-02-20",
          name: "Tết Nguyên đán (mùng 4)",
          kind: "statutory",
          lunar: "04/01",
          basis: "official",
        },
        { date: "2026-04-26", name: "Giỗ Tổ Hùng Vương", kind: "statutory", lunar: "10/03" },
        {
          date: "2026-04-27",
          name: "Nghỉ bù Giỗ Tổ Hùng Vương",
          kind: "substitute",
          basis: "official",
        },
        { date: "2026-04-30", name: "Ngày Chiến thắng", kind: "statutory" },
        { date: "2026-05-01", name: "Ngày Quốc tế Lao động", kind: "statutory" },
        {
          date: "2026-08-22",
          name: "Làm bù cho ngày nghỉ thứ Hai 31/08/2026",
          kind: "makeup_workday",
          basis: "official",
        },
        {
          date: "2026-08-31",
          name: "Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)",
          kind: "official",
          basis: "official",
        },
        {
          date: "2026-09-01",
          name: "Quốc khánh (ngày liền kề)",
          kind: "statutory",
          basis: "official",
        },
        { date: "2026-09-02", name: "Quốc khánh", kind: "statutory" },
        { date: "2026-11-24", name: "Ngày Văn hóa Việt Nam", kind: "statutory" },
      ]);
    },
    TIMEOUT,
  );

  it(
    "says which days the rule placed in a year without an official schedule (2027)",
    async () => {
      const result = await cchc("calendar", "holidays", "2027");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("Chưa có lịch nghỉ chính thức năm 2027");
      // 2 September 2027 is a Thursday: the Friday joins it, placed by the rule.
      expect(result.stdout).toMatch(
        /03\/09\/2027 +Thứ Sáu +Quốc khánh \(ngày liền kề\) — nghỉ lễ \[theo quy tắc/,
      );
      expect(result.stdout).not.toContain("01/09/2027");
      expect(result.stdout).toMatch(/01\/01\/2027 .*Tết Dương lịch — nghỉ lễ\n/);
    },
    TIMEOUT,
  );

  it(
    "lists holidays readably in Vietnamese",
    async () => {
      const result = await cchc("calendar", "holidays", "2026");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("27/04/2026  Thứ Hai");
      expect(result.stdout).toContain("Nghỉ bù Giỗ Tổ Hùng Vương");
    },
    TIMEOUT,
  );

  it(
    "computes a due date as JSON: received on the eve of Tết after the cut-off",
    async () => {
      const result = await cchc(
        "calendar",
        "due",
        "--received",
        "2026-02-13 16:10",
        "--days",
        "3",
        "--json",
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ due: "2026-02-26", countedFrom: "2026-02-23" });
    },
    TIMEOUT,
  );

  it(
    "accepts another cut-off",
    async () => {
      const args = ["calendar", "due", "--received", "2026-02-13 16:10", "--days", "3", "--json"];
      const result = await cchc(...args, "--cutoff", "17:00");
      expect(JSON.parse(result.stdout)).toEqual({ due: "2026-02-25", countedFrom: "2026-02-13" });
    },
    TIMEOUT,
  );

  it.each([
    [["calendar", "due", "--received", "garbage", "--days", "3"], "CALENDAR_INVALID_DATE"],
    [
      ["calendar", "due", "--received", "2026-02-13 16:10", "--days", "-1"],
      "CALENDAR_INVALID_DAYS",
    ],
    [["calendar", "holidays", "2200"], "CALENDAR_YEAR_OUT_OF_RANGE"],
    [["calendar", "holidays", "năm"], "CALENDAR_INVALID_YEAR"],
  ])(
    "refuses bad input %j with exit code 2 and no stack trace",
    async (args, code) => {
      const result = await cchc(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(new RegExp(`^${code}: \\S`));
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    TIMEOUT,
  );
});
