import type {
  AppendixSectionInput,
  AppendixTaskInput,
  PlanDocumentInput,
} from "../../../src/server/documents/plan-document/plan-document-input.ts";

const AGENCIES = [
  "Văn phòng HĐND và UBND xã",
  "Phòng Kinh tế",
  "Phòng Văn hóa - Xã hội",
  "Trung tâm Phục vụ hành chính công xã",
] as const;

const AREAS = [
  "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
  "CẢI CÁCH THỂ CHẾ",
  "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
  "CẢI CÁCH TỔ CHỨC BỘ MÁY",
  "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
  "CẢI CÁCH TÀI CHÍNH CÔNG",
  "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN SỐ",
] as const;

const TIMELINES = [
  "Quý I/2026",
  "Quý II và Quý IV/2026",
  "30/9/2026",
  "Hằng tháng",
  "Hằng quý",
  "Thường xuyên trong năm",
  "6 tháng đầu năm 2026",
  "Trước ngày 15/12/2026",
] as const;

const DELIVERABLES = [
  "Kế hoạch",
  "Báo cáo kết quả",
  "Quyết định phê duyệt",
  "Biên bản hội nghị",
  "Dữ liệu số hóa trong Kho quản lý dữ liệu điện tử",
] as const;

function pick<T>(list: readonly T[], index: number): T {
  const value = list[index % list.length];
  if (value === undefined) throw new Error("empty list");
  return value;
}

export function makeAppendixTask(
  index: number,
  overrides: Partial<AppendixTaskInput> = {},
): AppendixTaskInput {
  return {
    content: `Nhiệm vụ số ${index + 1}: triển khai nội dung cải cách hành chính theo kế hoạch của tỉnh, bảo đảm tiến độ và chất lượng`,
    lead: pick(AGENCIES, index),
    supporting: [pick(AGENCIES, index + 1), "Các cơ quan chuyên môn"],
    timeline: pick(TIMELINES, index),
    deliverable: pick(DELIVERABLES, index),
    ...overrides,
  };
}

/** Tasks spread over the seven standard areas; every tenth task has two sub-rows a) b). */
export function makeAppendixSections(taskCount: number): AppendixSectionInput[] {
  const sections: AppendixSectionInput[] = AREAS.map((title) => ({ title, tasks: [] }));
  for (let index = 0; index < taskCount; index += 1) {
    const subtasks =
      index % 10 === 1
        ? [
            makeAppendixTask(index, { content: "Tại các cơ quan chuyên môn" }),
            makeAppendixTask(index, { content: "Tại Trung tâm Phục vụ hành chính công" }),
          ]
        : undefined;
    const section = sections[Math.floor((index * AREAS.length) / taskCount)];
    section?.tasks.push(makeAppendixTask(index, subtasks ? { subtasks } : {}));
  }
  return sections;
}

export function makePlanDocumentInput(
  overrides: Partial<PlanDocumentInput> & { taskCount?: number } = {},
): PlanDocumentInput {
  const { taskCount = 60, ...rest } = overrides;
  const signer = {
    authority: "KT." as const,
    onBehalfOf: "CHỦ TỊCH",
    title: "PHÓ CHỦ TỊCH",
    name: "Trần Thị Minh Hằng",
  };
  return {
    issuer: {
      upperName: null,
      name: "ỦY BAN NHÂN DÂN\nXÃ HÒA PHONG",
      nameInText: "Ủy ban nhân dân xã Hòa Phong",
    },
    place: "Hòa Phong",
    issuedOn: "2026-02-02",
    year: 2026,
    title: "Cải cách hành chính xã Hòa Phong năm 2026",
    decision: {
      number: { number: "28", symbol: "QĐ-UBND" },
      authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA PHONG",
      bases: [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025",
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030",
        "Căn cứ Kế hoạch số 412/KH-UBND ngày 26/12/2025 của Ủy ban nhân dân tỉnh về cải cách hành chính nhà nước năm 2026",
      ],
      proposal: "Theo đề nghị của Chánh Văn phòng HĐND và UBND xã",
      executors: [
        "Chánh Văn phòng HĐND và UBND xã",
        "Trưởng phòng Kinh tế",
        "Trưởng phòng Văn hóa - Xã hội",
        "Giám đốc Trung tâm Phục vụ hành chính công xã và các cơ quan, đơn vị có liên quan",
      ],
      recipients: [
        "UBND tỉnh",
        "Sở Nội vụ",
        "TT Đảng ủy, TT HĐND xã",
        "CT, các PCT UBND xã",
        "Như Điều 3",
        "Lưu: VT",
      ],
      signer,
    },
    plan: {
      number: { number: null, symbol: "KH-UBND" },
      bases: [],
      purposes: [
        "Triển khai đồng bộ các nhiệm vụ cải cách hành chính năm 2026 theo Kế hoạch của Ủy ban nhân dân tỉnh.",
        "Nâng cao Chỉ số cải cách hành chính (PAR Index) và Chỉ số hài lòng (SIPAS) của xã.",
      ],
      requirements: ["Mỗi nhiệm vụ giao một cơ quan chủ trì, có sản phẩm và thời hạn cụ thể."],
      targets: [
        "Hoàn thành 100% nhiệm vụ trong Kế hoạch đúng tiến độ.",
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 98,5% trở lên.",
        "Mức độ hài lòng của người dân, tổ chức đạt từ 92% trở lên.",
      ],
      areas: AREAS.map((title, index) => ({
        title: title.charAt(0) + title.slice(1).toLocaleLowerCase("vi"),
        tasks: [`Thực hiện các nhiệm vụ về ${title.toLocaleLowerCase("vi")} theo Phụ lục I.`],
        scoreGoal: index === 2 ? "Phấn đấu năm 2026 đạt 9,5/10 điểm." : null,
      })),
      implementation: AGENCIES.map((agency) => ({
        agency,
        duties: ["Chủ trì thực hiện các nhiệm vụ được giao; báo cáo kết quả định kỳ hằng quý."],
      })),
      funding: ["Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách xã năm 2026."],
      closing: "Trên đây là Kế hoạch cải cách hành chính xã Hòa Phong năm 2026./.",
      recipients: ["Sở Nội vụ", "TT Đảng ủy, TT HĐND xã", "Các cơ quan chuyên môn", "Lưu: VT"],
      signer,
    },
    appendices: [
      {
        title: "Danh mục nhiệm vụ cải cách hành chính xã Hòa Phong năm 2026",
        sections: makeAppendixSections(taskCount),
      },
    ],
    ...rest,
  };
}
