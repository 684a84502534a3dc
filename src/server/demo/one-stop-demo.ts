import type { Executor } from "../db/database.ts";
import { findUnitsByCodes } from "../db/repositories/unit.repository.ts";
import type { Actor } from "../services/actor.ts";
import { issueApology, receiveDossier, transitionDossier } from "../services/dossier.service.ts";
import { updateDeskSettings } from "../services/one-stop-desk.service.ts";
import { createProcedure } from "../services/procedure.service.ts";
import type { DossierAction } from "../../core/dossier/index.ts";
import { DEMO_DESK_CODES, DEMO_DOSSIERS, DEMO_PROCEDURES } from "./demo-procedures.ts";

/** Demo one-stop data: desk settings, each active commune's procedure list, a few dossiers. */
export async function loadOneStopDemo(tx: Executor, actor: Actor): Promise<void> {
  const procedureIds = new Map<string, string>();
  for (const [unitCode, agencyCode] of Object.entries(DEMO_DESK_CODES)) {
    const [unit] = await findUnitsByCodes(tx, [unitCode]);
    if (!unit) continue;
    await updateDeskSettings(tx, actor, unit.id, { cutoff: "15:00", agencyCode });
    for (const procedure of DEMO_PROCEDURES) {
      const created = await createProcedure(tx, actor, {
        ...procedure,
        unitId: unit.id,
        level: "commune",
      });
      procedureIds.set(`${unitCode}/${procedure.code}`, created.data.id);
    }
  }
  for (const dossier of DEMO_DOSSIERS) {
    const received = await receiveDossier(tx, actor, {
      procedureId: procedureIds.get(`${dossier.unitCode}/${dossier.procedureCode}`)!,
      applicantName: dossier.applicantName,
      applicantPhone: dossier.applicantPhone,
      channel: dossier.channel,
      receivedAt: dossier.receivedAt,
      ...(dossier.documents
        ? { documents: dossier.documents, documentSets: dossier.documentSets ?? 1 }
        : {}),
    });
    const id = received.data.id;
    for (const [index, [action, at, note]] of dossier.steps.entries()) {
      if (dossier.apology && dossier.apology.beforeStep === index) {
        const { at: apologyAt, newDueDate, reason } = dossier.apology;
        await issueApology(tx, actor, id, { at: apologyAt, newDueDate, reason });
      }
      await transitionDossier(tx, actor, id, { action: action as DossierAction, at, note });
    }
  }
}
