import { describe, expect, it } from "vitest";
import { extractTargets, parseAreaScore, splitClauses } from "./targets.ts";

const one = (text: string) => {
  const found = extractTargets(text, null, 1);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("extractTargets", () => {
  it("reads comparators from the wording", () => {
    expect(one("Tỷ lệ giải quyết đúng hạn đạt từ 99,7% trở lên.")).toMatchObject({
      comparator: "gte",
      value: 99.7,
      unit: "percent",
      metric: "on_time_rate",
    });
    expect(one("Đảm bảo tối thiểu 60% hồ sơ tiếp nhận trực tuyến").comparator).toBe("gte");
    expect(one("ít nhất 30% hồ sơ được thanh toán trực tuyến")).toMatchObject({
      comparator: "gte",
      metric: "online_payment_rate",
    });
    expect(one("Tỷ lệ hồ sơ trễ hạn trên 5%").comparator).toBe("gt");
    expect(one("100% hồ sơ trễ hạn có văn bản xin lỗi")).toMatchObject({
      comparator: "eq",
      metric: "late_apology_rate",
    });
  });

  it("reads rank ranges, top groups and points", () => {
    expect(one("Phấn đấu xếp hạng từ 6 đến 10 trong khối xã")).toMatchObject({
      comparator: "rank_between",
      value: [6, 10],
      unit: "rank",
      metric: "par_index_rank",
    });
    expect(one("giữ thứ hạng từ 01-04 trong năm 2024").value).toEqual([1, 4]);
    expect(one("xếp hạng Chỉ số CCHC trong nhóm 10 xã dẫn đầu")).toMatchObject({
      comparator: "lte",
      value: 10,
    });
    expect(
      one("Chỉ số phục vụ theo Quyết định số 766/QĐ-TTg đạt từ 85 điểm trở lên"),
    ).toMatchObject({ unit: "points", value: 85, metric: "service_index_766" });
  });

  it("splits clauses and inherits the measure for 'riêng …'", () => {
    const found = extractTargets(
      "5. Mức độ hài lòng đạt từ 92% trở lên; riêng lĩnh vực đất đai, xây dựng đạt từ 85% trở lên.",
      null,
      7,
    );
    expect(found.map((target) => target.metric)).toEqual([
      "satisfaction_rate",
      "satisfaction_rate_land_construction",
    ]);
    expect(found[1]?.text).toBe("riêng lĩnh vực đất đai, xây dựng đạt từ 85% trở lên");
  });

  it("does not take document numbers or years for targets", () => {
    expect(
      extractTargets("Theo Quyết định số 766/QĐ-TTg ngày 23/6/2023, giai đoạn 2021-2025", null, 1),
    ).toEqual([]);
  });

  it("counts events", () => {
    expect(one("Tổ chức 02 hội nghị đối thoại với người dân")).toMatchObject({
      unit: "count",
      value: 2,
      comparator: "eq",
    });
  });

  it("splits at semicolons and sentence ends", () => {
    expect(splitClauses("A đạt 1%; b đạt 2%. Trong đó, c")).toEqual([
      "A đạt 1%",
      "b đạt 2%",
      "Trong đó, c",
    ]);
  });
});

describe("parseAreaScore", () => {
  it("reads per-area scores, typos and both decimal notations", () => {
    expect(parseAreaScore("Phấn đấu năm 2026 đạt 12/13 điểm.")).toEqual({ target: 12, max: 13 });
    expect(parseAreaScore("Phần đầu năm 2023 đạt 9.5/9.5 điểm")).toEqual({ target: 9.5, max: 9.5 });
    expect(parseAreaScore("Phấn đấu năm 2026 đạt 6/6,5 điểm.")).toEqual({ target: 6, max: 6.5 });
    expect(parseAreaScore("Phấn đấu hoàn thành tốt nhiệm vụ.")).toBeNull();
  });
});

describe("metricFor: a target maps to a metric only when its subject fits", () => {
  const metric = (text: string) => extractTargets(text, null, 1)[0]?.metric ?? null;

  it("does not take digitised for online", () => {
    expect(metric("100% kết quả giải quyết TTHC được số hóa")).toBe("digitized_result_rate");
    expect(metric("100% hồ sơ tiếp nhận trực tuyến được số hóa")).toBe("digitized_dossier_rate");
    expect(metric("Số hóa 100% sổ hộ tịch")).toBeNull();
    expect(metric("Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt 70%")).toBe("online_dossier_rate");
  });

  it("does not take recommendations after an inspection for citizens' feedback", () => {
    expect(metric("100% kiến nghị sau kiểm tra được khắc phục")).toBeNull();
    expect(metric("100% kiến nghị của Đoàn thanh tra được thực hiện")).toBeNull();
    expect(metric("100% phản ánh, kiến nghị của người dân được xử lý đúng hạn")).toBe(
      "feedback_on_time_rate",
    );
  });

  it("takes task completion only for this plan's tasks", () => {
    expect(metric("Hoàn thành 100% nhiệm vụ đề ra trong Kế hoạch này")).toBe(
      "tasks_completed_rate",
    );
    expect(metric("Hoàn thành 100% nhiệm vụ cải cách hành chính năm 2026")).toBe(
      "tasks_completed_rate",
    );
    expect(metric("Hoàn thành 100% nhiệm vụ được UBND tỉnh giao")).toBeNull();
    expect(metric("Hoàn thành 100% nhiệm vụ của Kế hoạch chuyển đổi số năm 2026")).toBeNull();
  });

  it("reads a rank target naming a group and a range of places as one target", () => {
    const found = extractTargets(
      "Chỉ số CCHC thuộc nhóm 10 xã dẫn đầu, xếp hạng từ 01 đến 05 trong tỉnh",
      null,
      1,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ comparator: "rank_between", value: [1, 5], unit: "rank" });
    expect(extractTargets("Xếp hạng Chỉ số CCHC từ hạng 3 đến hạng 8", null, 1)[0]).toMatchObject({
      value: [3, 8],
    });
  });
});
