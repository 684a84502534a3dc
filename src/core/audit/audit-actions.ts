/**
 * The catalogue of audit events: one action name per kind of write, with its entity type. Pure
 * data, so the server records with it and the web labels every action and record type.
 */
export const AUDIT_ACTIONS = {
  "unit.create": "unit",
  "unit.update": "unit",
  "unit.import": "unit",
  "agency.create": "agency",
  "agency.update": "agency",
  "user.create": "user",
  "user.update": "user",
  "auth.sign_in": "session",
  "auth.sign_in_failed": "session",
  "auth.sign_out": "session",
  "auth.password_changed": "user",
  "system.demo_loaded": "system",
  "system.demo_password_change_required": "system",
  "system.backup_created": "system",
  "plan.create": "plan",
  "plan.update": "plan",
  "plan.delete": "plan",
  "plan.issue": "plan",
  "plan.amend": "plan",
  "target.measure": "target",
  "task.create": "task",
  "task.update": "task",
  "task.delete": "task",
  "task.progress": "task",
  "task.import": "plan",
  "evidence.upload": "evidence",
  "evidence.link": "evidence",
  "calendar.schedule_create": "official_schedule",
  "desk.update": "desk_settings",
  "desk.register_book_start": "register_book",
  "procedure.create": "procedure",
  "procedure.update": "procedure",
  "procedure.import": "procedure",
  "dossier.receive": "dossier",
  "dossier.transition": "dossier",
  "dossier.apology": "dossier",
  "dossier.update": "dossier",
  "dossier.void": "dossier",
  "feedback.receive": "feedback",
  "feedback.transition": "feedback",
  "feedback.satisfaction": "feedback",
  "dossier.import": "dossier_import",
  "dossier.import_mapping": "dossier_import_mapping",
  "dossier.import_void": "dossier_import",
  "methodology.create": "methodology",
  "methodology.import": "methodology",
  "methodology.publish": "methodology",
  "scorecard.open": "scorecard",
  "scorecard.entry": "scorecard",
  "scorecard.appraise_entry": "scorecard",
  "scorecard.evidence": "scorecard",
  "scorecard.transition": "scorecard",
  "sipas.response": "sipas_response",
  "report.kind_create": "report_kind",
  "report.create": "report",
  "report.update": "report",
  "report.submit": "report",
  "report.review": "report",
  "federation.identity_create": "federation",
  "federation.child_register": "federation_child",
  "federation.child_revoke": "federation_child",
  "federation.parent_set": "federation",
  "federation.send": "report",
  "federation.receive": "report",
  "personal_data.anonymised": "system",
  "personal_data.lookup": "system",
  "personal_data.anonymise_request": "system",
  "personal_data.export": "system",
  // Reads of a citizen's personal data in full (at most one per user, record and kind a day).
  "personal_data.dossier_read": "dossier",
  "personal_data.dossier_document": "dossier",
  "personal_data.feedback_read": "feedback",
  // The printed register book of a unit's period, with the applicants' data in full.
  "personal_data.register_print": "unit",
} as const;

/** The audited kinds of full read (see src/server/services/full-read-log.ts). */
export const FULL_READ_ACTIONS = [
  "personal_data.dossier_read",
  "personal_data.dossier_document",
  "personal_data.feedback_read",
  "personal_data.register_print",
] as const satisfies readonly AuditActionName[];
export type FullReadAction = (typeof FULL_READ_ACTIONS)[number];
type AuditActionName = keyof typeof AUDIT_ACTIONS;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type AuditEntityType = (typeof AUDIT_ACTIONS)[AuditAction];

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];
