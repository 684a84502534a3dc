/**
 * The one-stop desk's records a browser test starts from, made in its prepare step (before the
 * server starts) through the app's own services as the system actor: dossiers received at a
 * ward's desk and citizen feedback sent to the ward, each on a fixed day.
 */
import type { Executor } from "../../../src/server/db/database.ts";
import { SYSTEM_ACTOR } from "../../../src/server/services/actor.ts";
import { receiveDossier } from "../../../src/server/services/dossier.service.ts";
import { registerFeedback } from "../../../src/server/services/feedback.service.ts";

/** A dossier of the procedure received in person at the desk; answers its id and code. */
export async function seedDossier(
  db: Executor,
  procedure: { id: string },
  options: { applicantName?: string; applicantPhone?: string; receivedAt?: string } = {},
): Promise<{ id: string; code: string }> {
  const { data } = await receiveDossier(db, SYSTEM_ACTOR, {
    procedureId: procedure.id,
    applicantName: options.applicantName ?? "Hoàng Thị Mai",
    applicantPhone: options.applicantPhone ?? "0911 222 333",
    channel: "in_person",
    receivedAt: options.receivedAt ?? "2026-03-02 09:00",
  });
  return { id: data.id, code: data.code };
}

/** A feedback item sent to the unit by phone; answers its id and code. */
export async function seedFeedback(
  db: Executor,
  unit: { id: string },
  options: { senderName?: string; senderPhone?: string; title?: string; receivedAt?: string } = {},
): Promise<{ id: string; code: string }> {
  const { data } = await registerFeedback(db, SYSTEM_ACTOR, {
    unitId: unit.id,
    channel: "phone",
    senderName: options.senderName ?? "Ngô Thị Minh Châu",
    senderPhone: options.senderPhone ?? "0912 468 135",
    title: options.title ?? "Đề nghị hướng dẫn rõ hồ sơ đăng ký khai sinh",
    content: "Đề nghị phường hướng dẫn cụ thể và niêm yết tại Bộ phận Một cửa.",
    receivedAt: options.receivedAt ?? "2026-03-02 09:15",
  });
  return { id: data.id, code: data.code };
}
