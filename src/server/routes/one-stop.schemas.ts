import { PERSONAL_DATA_VIEWS } from "../../core/personal-data/index.ts";
import { z } from "zod";
import { caseEventView, caseListQuery } from "./case-register.schemas.ts";
import { APPLICANT_KINDS, DOSSIER_ACTIONS, DOSSIER_STATES } from "../../core/dossier/index.ts";
import {
  DOSSIER_CHANNELS,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  RULE_SET_IDS,
} from "../../core/dossier/dossier-values.ts";
import {
  DOCUMENT_FORMS,
  MAX_COPIES,
  MAX_DOCUMENTS,
  MAX_DOCUMENT_NAME,
  MAX_SETS,
} from "../../core/dossier/required-documents.ts";
import { booleanQuery, isoDate, localDateTime } from "./common.schemas.ts";

/** Request and response shapes of the one-stop desk routes. */

export { localDateTime };

const documentName = z
  .string()
  .trim()
  .min(1, { error: "Tên giấy tờ không được để trống." })
  .max(MAX_DOCUMENT_NAME, { error: `Tên giấy tờ dài quá ${MAX_DOCUMENT_NAME} ký tự.` });
const documentForm = z.enum(DOCUMENT_FORMS, {
  error:
    "Hình thức phải là original (bản chính), copy (bản sao) hoặc certified_copy (bản sao chứng thực).",
});
const documentCopies = z
  .number()
  .int({ error: "Số bản phải là số nguyên." })
  .min(1, { error: "Số bản ít nhất là 1." })
  .max(MAX_COPIES, { error: `Số bản nhiều nhất là ${MAX_COPIES}.` });

/** One of a procedure's required documents (thành phần hồ sơ). */
export const procedureDocumentInput = z.object({
  name: documentName,
  form: documentForm,
  copies: documentCopies.default(1),
  required: z.boolean().default(true),
});

export const procedureDocumentView = z.object({
  name: z.string(),
  form: z.enum(DOCUMENT_FORMS),
  copies: z.number(),
  required: z.boolean(),
});

/** One document the desk received with a dossier. */
export const receivedDocumentInput = z.object({
  name: documentName,
  form: documentForm,
  copies: documentCopies,
});

export const receivedDocumentView = z.object({
  name: z.string(),
  form: z.enum(DOCUMENT_FORMS),
  formLabel: z.string(),
  copies: z.number(),
});

export const procedureView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitCode: z.string(),
  code: z.string(),
  name: z.string(),
  field: z.string(),
  level: z.enum(PROCEDURE_LEVELS),
  processingDays: z.number(),
  feeText: z.string().nullable(),
  onlineLevel: z.enum(ONLINE_LEVELS),
  isActive: z.boolean(),
  /** The required documents (thành phần hồ sơ) in the catalogue's order. */
  documents: z.array(procedureDocumentView),
  updatedAt: z.string(),
  can: z.object({ update: z.boolean() }),
});

/** The procedure's fields without defaults: a PATCH changes only what it names. */
const procedureFields = z.object({
  unitId: z.uuid({ error: "Mã đơn vị không hợp lệ." }),
  code: z
    .string()
    .trim()
    .regex(/^[1-3]\.\d{6}$/, { error: "Mã thủ tục phải có dạng 1.001234." }),
  name: z.string().trim().min(1, { error: "Không được để trống." }).max(1000),
  field: z.string().trim().min(1, { error: "Không được để trống." }).max(200),
  level: z.enum(PROCEDURE_LEVELS),
  processingDays: z.number().int().min(0, { error: "Số ngày không được âm." }).max(365),
  feeText: z.string().trim().max(1000).nullish(),
  onlineLevel: z.enum(ONLINE_LEVELS),
  isActive: z.boolean().optional(),
  /** The whole list of required documents, in order; replaces the stored list when given. */
  documents: z
    .array(procedureDocumentInput)
    .max(MAX_DOCUMENTS, { error: `Tối đa ${MAX_DOCUMENTS} thành phần hồ sơ.` })
    .optional(),
});

export const procedureBody = procedureFields.extend({
  level: z.enum(PROCEDURE_LEVELS).default("commune"),
  onlineLevel: z.enum(ONLINE_LEVELS).default("none"),
});

/**
 * `PATCH /api/procedures/:id`: any field but the unit; those left out keep their value (no
 * defaults here — a PATCH of one field once reset the level and the online level).
 */
export const procedurePatchBody = procedureFields.omit({ unitId: true }).partial();

export const dossierView = z.object({
  id: z.string(),
  code: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  procedureId: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  procedureField: z.string(),
  processingDays: z.number(),
  applicantName: z.string(),
  applicantPhone: z.string(),
  applicantAddress: z.string().nullable(),
  /** Always masked ("*********567"), whoever reads; null when none was taken at the desk. */
  applicantIdNumber: z.string().nullable(),
  /** The desk's choice when it made one (`applicantKindSaid`), else inferred from name and ID number. */
  applicantKind: z.enum(APPLICANT_KINDS),
  /** "Cá nhân" | "Tổ chức" */
  applicantKindLabel: z.string(),
  applicantKindSaid: z.boolean(),
  /** "masked" for those outside the unit's own desk (see src/core/personal-data). */
  personalData: z.enum(PERSONAL_DATA_VIEWS),
  channel: z.enum(DOSSIER_CHANNELS),
  channelLabel: z.string(),
  receivedAt: z.string(),
  countedFrom: z.string(),
  dueDate: z.string(),
  originalDueDate: z.string(),
  /** The latest apology letter's new return date (the citizen's new appointment); null without one. */
  rescheduledDueDate: z.string().nullable(),
  state: z.enum(DOSSIER_STATES),
  stateLabel: z.string(),
  timeliness: z.enum(["early", "on_time", "late", "pending", "overdue"]).nullable(),
  timelinessLabel: z.string().nullable(),
  handlerAgencyId: z.string().nullable(),
  handlerAgencyName: z.string().nullable(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  supplementCount: z.number(),
  pausedWorkingDays: z.number(),
  reason: z.string().nullable(),
  digitised: z.boolean(),
  electronicResult: z.boolean(),
  onlinePayment: z.boolean(),
  ruleSet: z.enum(RULE_SET_IDS),
  apologyTitle: z.string(),
  allowedActions: z.array(z.enum(DOSSIER_ACTIONS)),
  /** Came from an import (no receipt at a desk). */
  imported: z.boolean(),
  /**
   * The dossier's line in the receiving unit's register book (Sổ theo dõi hồ sơ): one book per
   * unit and calendar year (`book` 1, printed "01/2026"), lines numbered without gaps; null for
   * an imported dossier and one received before CCHC kept the book.
   */
  registerEntry: z
    .object({
      year: z.number().int(),
      book: z.number().int(),
      entry: z.number().int(),
      /** "01/2026" */
      bookNumber: z.string(),
      /** "000123" */
      entryNumber: z.string(),
      /** "quyển 01/2026, số 000123" */
      label: z.string(),
    })
    .nullable(),
  /** Set when an administrator voided this wrongly imported dossier. */
  voided: z.object({ at: z.string(), byName: z.string(), reason: z.string() }).nullable(),
  can: z.object({
    write: z.boolean(),
    /** POST /api/dossiers/:id/void (an administrator's imported dossier, not voided yet). */
    void: z.boolean(),
    apologise: z.boolean(),
    /** GET /api/dossiers/:id/refusal-notice.docx answers a document. */
    refusalNotice: z.boolean(),
    /** GET /api/dossiers/:id/stop-notice.docx answers a document. */
    stopNotice: z.boolean(),
    /** GET /api/dossiers/:id/supplement-request.docx answers a document (a supplement was asked for). */
    supplementRequest: z.boolean(),
  }),
});

/** `GET /api/dossiers`: the register's filters and page. */
export const dossierListQuery = caseListQuery({
  states: DOSSIER_STATES,
  filters: { procedureId: z.uuid().optional() },
  flags: {
    /** true: open dossiers due today. */
    dueToday: booleanQuery.optional(),
    /** true: dossiers no apology letter was issued for. */
    withoutApology: booleanQuery.optional(),
    /** true: the voided (wrongly imported) dossiers only; they are left out otherwise. */
    voided: booleanQuery.optional(),
  },
  cursorMax: 200,
});

export const dossierDetailView = dossierView.extend({
  /** The documents received at the desk (empty when none was recorded, e.g. imported dossiers). */
  documents: z.array(receivedDocumentView),
  /** Number of sets (bộ) handed in; null when not recorded. */
  documentSets: z.number().nullable(),
  events: z.array(caseEventView),
  pauses: z.array(
    z.object({
      id: z.string(),
      requestedAt: z.string(),
      resumedAt: z.string().nullable(),
      pausedWorkingDays: z.number().nullable(),
      note: z.string().nullable(),
    }),
  ),
  apologies: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      issuedAt: z.string(),
      newDueDate: z.string(),
      reason: z.string(),
    }),
  ),
});

const phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s.-]{9,20}$/, { error: "Số điện thoại không hợp lệ." })
  .refine((v) => v.replace(/\D/g, "").length >= 9 && v.replace(/\D/g, "").length <= 12, {
    error: "Số điện thoại phải có 9–12 chữ số.",
  });

/**
 * The applicant's kind as the clerk chose it: "person" (Cá nhân) or "organisation" (Tổ chức).
 * Optional; left out, null or blank, the kind is inferred from the name and ID number wherever
 * it is read. Checked by the core, so a wrong value is DOSSIER_APPLICANT_KIND_INVALID.
 */
export const applicantKindInput = z
  .string()
  .max(40)
  .nullish()
  .describe(
    '"person" (Cá nhân) hoặc "organisation" (Tổ chức); bỏ trống: suy ra từ tên và số giấy tờ.',
  );

export const receiveBody = z.object({
  procedureId: z.uuid({ error: "Mã thủ tục không hợp lệ." }),
  applicantName: z.string().trim().min(1, { error: "Không được để trống." }).max(200),
  applicantPhone: phone,
  applicantAddress: z.string().trim().max(500).nullish(),
  /**
   * CCCD (12 digits), CMND (9) or passport (a letter and 7 digits), spaces and dots allowed;
   * checked by the core (`DOSSIER_APPLICANT_ID_INVALID`); blank or absent: none.
   */
  applicantIdNumber: z.string().max(100).nullish(),
  applicantKind: applicantKindInput,
  channel: z.enum(DOSSIER_CHANNELS, {
    error: "Hình thức nộp phải là in_person, online hoặc postal.",
  }),
  receivedAt: localDateTime.nullish(),
  digitised: z.boolean().optional(),
  electronicResult: z.boolean().optional(),
  onlinePayment: z.boolean().optional(),
  note: z.string().trim().max(2000).nullish(),
  /**
   * The documents received (the checklist's ticked lines and the clerk's own), in order. When
   * given, the procedure's required documents must all be there or `confirmIncomplete` be true
   * (DOSSIER_DOCUMENTS_INCOMPLETE otherwise); when left out nothing is recorded.
   */
  documents: z
    .array(receivedDocumentInput)
    .max(MAX_DOCUMENTS, { error: `Tối đa ${MAX_DOCUMENTS} thành phần hồ sơ.` })
    .optional(),
  /** Number of sets (bộ) handed in; 1 when documents are given without it. */
  documentSets: z
    .number()
    .int({ error: "Số bộ hồ sơ phải là số nguyên." })
    .min(1, { error: "Số bộ hồ sơ ít nhất là 1." })
    .max(MAX_SETS, { error: `Số bộ hồ sơ nhiều nhất là ${MAX_SETS}.` })
    .optional(),
  /** The clerk confirmed receiving the dossier without every required document. */
  confirmIncomplete: z.boolean().optional(),
});

export const transitionBody = z.object({
  action: z.enum(DOSSIER_ACTIONS, { error: "Thao tác không hợp lệ." }),
  note: z.string().trim().max(2000).nullish(),
  at: localDateTime.nullish(),
  toAgencyId: z.uuid().nullish(),
});

export const apologyBody = z.object({
  reason: z.string().trim().min(1, { error: "Vui lòng ghi lý do chậm trễ." }).max(2000),
  newDueDate: isoDate,
  at: localDateTime.nullish(),
});

export const dossierUpdateBody = z.object({
  applicantName: z.string().trim().min(1).max(200).optional(),
  applicantPhone: phone.optional(),
  applicantAddress: z.string().trim().max(500).nullish(),
  /** A correction of the ID number, checked like at reception; null or blank clears it. */
  applicantIdNumber: z.string().max(100).nullish(),
  /** A correction of the kind; null or blank: none said (inferred again). */
  applicantKind: applicantKindInput,
  digitised: z.boolean().optional(),
  electronicResult: z.boolean().optional(),
  onlinePayment: z.boolean().optional(),
});

export const scheduleEntry = z.object({
  kind: z.enum(["official", "makeup_workday", "no_substitute"]),
  date: isoDate,
  name: z.string().nullable(),
});

export const scheduleView = z.object({
  id: z.string().nullable(),
  origin: z.enum(["stored", "seed"]),
  year: z.number(),
  version: z.number(),
  effectiveFrom: z.string(),
  source: z.string(),
  tetDaysBeforeNewYear: z.number().nullable(),
  nationalDaySecondDay: z.enum(["before", "after"]).nullable(),
  entries: z.array(scheduleEntry),
  createdAt: z.string().nullable(),
});

/** `GET /api/one-stop/register-book/:id`: the year (this year in Vietnam time when left out). */
export const registerBookQuery = z.object({
  year: z.coerce
    .number({ error: "Năm không hợp lệ." })
    .int({ error: "Năm không hợp lệ." })
    .min(2000, { error: "Năm không hợp lệ." })
    .max(2200, { error: "Năm không hợp lệ." })
    .optional(),
});

const wholeNumber = (what: string) =>
  z.number({ error: `${what} phải là số nguyên.` }).int({ error: `${what} phải là số nguyên.` });

/**
 * `PUT /api/one-stop/register-book/:id`: where the unit's numbering of `year` goes on from. Rules
 * (src/core/dossier/register-book.ts `checkRegisterBookStart`): this year or the next
 * (REGISTER_BOOK_YEAR_INVALID), never back to an earlier book or a line already issued
 * (REGISTER_BOOK_BACKWARDS), book 1–99 and line 1–999 999 (REGISTER_BOOK_START_INVALID).
 */
export const registerBookStartBody = z.object({
  year: wholeNumber("Năm"),
  book: wholeNumber("Quyển số"),
  nextEntry: wholeNumber("Số thứ tự tiếp theo"),
});

export const registerBookView = z.object({
  unitId: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  /** The book receipts write in (1 when none was set). */
  book: z.number().int(),
  /** The last line written in it (0: none). */
  lastEntry: z.number().int(),
  nextEntry: z.number().int(),
  /** "01/2026" */
  bookNumber: z.string(),
  /** "000124" */
  nextEntryNumber: z.string(),
  /** The years a starting point may be set for: this year and the next. */
  settableYears: z.array(z.number().int()),
  can: z.object({ update: z.boolean() }),
});

/** `GET /api/one-stop/register-book/:id/print`: how a unit's period prints. */
export const registerPrintView = z.object({
  unitId: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  /** Lines written in the period (dossiers received at the desk, not voided). */
  count: z.number().int(),
  /** The books they are in: ["01/2026"]. */
  books: z.array(z.string()),
  /** Files the period prints in (at least 1). */
  parts: z.number().int(),
  /** Lines per file. */
  partSize: z.number().int(),
});

export const deskSettingsView = z.object({
  unitId: z.string(),
  unitName: z.string(),
  cutoff: z.string(),
  agencyCode: z.string().nullable(),
  receivingBody: z.string().nullable(),
  can: z.object({ update: z.boolean() }),
});
