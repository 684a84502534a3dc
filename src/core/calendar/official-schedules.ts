import type { OfficialSchedule } from "./official-schedule.ts";

/**
 * Built-in official schedules for the civil service, until an administrator enters or imports
 * newer ones. Confidence: secondary sources (see /work/shared/reference, one-stop-calendar
 * documents §4.2, and public reproductions of the notices); check against the notices' text.
 */
export const OFFICIAL_SCHEDULES: readonly OfficialSchedule[] = [
  {
    year: 2025,
    version: 1,
    effectiveFrom: "2024-12-03",
    source:
      "Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024 (Bộ Lao động – Thương binh và Xã hội), " +
      "theo bản tin của Cổng Thông tin điện tử Chính phủ: Tết nghỉ từ 25/01 đến 02/02/2025, " +
      "năm ngày Tết là 27–31/01/2025; hoán đổi thứ Sáu 02/5 sang thứ Bảy 26/4; Quốc khánh " +
      "nghỉ 30/8–02/9/2025.",
    tetDaysBeforeNewYear: 2,
    nationalDaySecondDay: "before",
    entries: [
      {
        kind: "official",
        date: "2025-05-02",
        name: "Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)",
      },
      {
        kind: "makeup_workday",
        date: "2025-04-26",
        name: "Làm bù cho ngày nghỉ thứ Sáu 02/05/2025",
      },
    ],
  },
  {
    year: 2026,
    version: 1,
    effectiveFrom: "2025-10-16",
    source:
      "Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ): Tết nghỉ từ 14/02 đến 22/02/2026, " +
      "năm ngày Tết là 16–20/02/2026; Quốc khánh nghỉ 29/8–02/9/2026, ngày liền kề là 01/9, " +
      "hoán đổi thứ Hai 31/8 sang thứ Bảy 22/8/2026. Công văn 3383/BNV-CVL: không hoán đổi " +
      "dịp 30/4; Giỗ Tổ (Chủ nhật 26/4) nghỉ bù thứ Hai 27/4.",
    tetDaysBeforeNewYear: 1,
    nationalDaySecondDay: "before",
    entries: [
      {
        kind: "official",
        date: "2026-08-31",
        name: "Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)",
      },
      {
        kind: "makeup_workday",
        date: "2026-08-22",
        name: "Làm bù cho ngày nghỉ thứ Hai 31/08/2026",
      },
    ],
  },
];
