import type { Executor } from "../db/database.ts";
import { listAgenciesOfUnits } from "../db/repositories/agency.repository.ts";
import { findUnitsByCodes } from "../db/repositories/unit.repository.ts";
import type { Actor } from "../services/actor.ts";
import {
  getPublicationPreview,
  registerFeedback,
  transitionFeedback,
  type FeedbackTransitionInput,
  type RegisterFeedbackInput,
} from "../services/feedback.service.ts";

type DemoStep = Omit<FeedbackTransitionInput, "agencyId"> & { agencyName?: string };

interface DemoFeedback {
  input: Omit<RegisterFeedbackInput, "unitId">;
  steps: DemoStep[];
}

/** Three feedback items at Phường Bãi Cháy: one answered and published, one assigned, one new. */
const DEMO_FEEDBACK: DemoFeedback[] = [
  {
    input: {
      channel: "portal",
      senderName: "Ngô Thị Minh Châu",
      senderPhone: "0912 468 135",
      title: "Đề nghị hướng dẫn rõ hồ sơ đăng ký khai sinh khi cha mẹ chưa đăng ký kết hôn",
      content:
        "Tôi chưa rõ cần giấy tờ gì để đăng ký khai sinh cho con khi cha mẹ chưa đăng ký kết hôn. Đề nghị phường hướng dẫn cụ thể và niêm yết tại Bộ phận Một cửa.",
      receivedAt: "2026-10-05 09:15",
    },
    steps: [
      { action: "classify", classification: "regulation", at: "2026-10-05 10:00" },
      { action: "assign", agencyName: "Tư pháp - Hộ tịch", at: "2026-10-05 10:30" },
      {
        action: "answer",
        answer:
          "Theo Luật Hộ tịch năm 2014, hồ sơ gồm Tờ khai đăng ký khai sinh và Giấy chứng sinh; nếu cha nhận con thì nộp thêm Tờ khai nhận cha, con và chứng cứ chứng minh quan hệ cha con. Phường đã niêm yết hướng dẫn tại quầy Tư pháp - Hộ tịch.",
        at: "2026-10-14 15:00",
      },
      { action: "publish", at: "2026-10-15 08:30" },
    ],
  },
  {
    input: {
      channel: "phone",
      senderName: "Phan Văn Tài",
      senderPhone: "0987 112 233",
      title: "Công chức hẹn trả kết quả nhiều lần",
      content:
        "Hồ sơ xin giấy phép sửa chữa nhà của tôi bị hẹn lại hai lần mà không có văn bản xin lỗi.",
      receivedAt: "2026-11-02 14:20",
    },
    steps: [
      { action: "classify", classification: "conduct", at: "2026-11-02 15:00" },
      { action: "assign", agencyName: "Địa chính - Xây dựng", at: "2026-11-03 08:00" },
    ],
  },
  {
    input: {
      channel: "in_person",
      senderName: "Trịnh Thu Hà",
      senderPhone: "0904 556 677",
      title: "Đề nghị bố trí thêm ghế chờ tại Bộ phận Một cửa",
      content: "Buổi sáng đông người, nhiều người cao tuổi phải đứng chờ.",
      receivedAt: "2026-11-18 09:40",
    },
    steps: [],
  },
];

/** Demo feedback (PAKN) at Phường Bãi Cháy, registered and handled through the real use cases. */
export async function loadFeedbackDemo(tx: Executor, actor: Actor): Promise<void> {
  const [unit] = await findUnitsByCodes(tx, ["06658"]);
  if (!unit) return;
  const agencies = new Map(
    (await listAgenciesOfUnits(tx, [unit.id])).map((agency) => [agency.name, agency.id]),
  );
  for (const item of DEMO_FEEDBACK) {
    const registered = await registerFeedback(tx, actor, { ...item.input, unitId: unit.id });
    for (const { agencyName, ...step } of item.steps) {
      // Publishing takes the masked public texts as proposed, as a clerk confirming them would.
      const preview =
        step.action === "publish"
          ? (await getPublicationPreview(tx, actor, registered.data.id)).data
          : null;
      await transitionFeedback(tx, actor, registered.data.id, {
        ...step,
        agencyId: agencyName ? (agencies.get(agencyName) ?? null) : null,
        publication: preview && {
          title: preview.title.text,
          content: preview.content.text,
          answer: preview.answer.text,
        },
      });
    }
  }
}
