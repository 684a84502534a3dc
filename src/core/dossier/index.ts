export {
  AGENCY_CODE_PATTERN,
  DOSSIER_CODE_PATTERN,
  MAX_DAILY_SEQUENCE,
  firstFreeSequence,
  formatDossierCode,
  isAgencyCode,
  isInCodeSpace,
  parseDossierCode,
  type DossierCodeParts,
} from "./dossier-code.ts";
export { DossierError, type DossierErrorCode } from "./dossier-error.ts";
export {
  ACTION_LABELS,
  ACTIONS_NEEDING_REASON,
  DOSSIER_ACTIONS,
  DOSSIER_STATES,
  DOSSIER_WORKFLOW,
  FINISHING_STATES,
  STATE_LABELS,
  TERMINAL_STATES,
  TRANSITIONS,
  allowedActions,
  canApply,
  isDossierState,
  nextState,
  type DossierAction,
  type DossierState,
} from "./dossier-state.ts";
export {
  DESK_NAME,
  HEAD_OF_AGENCY,
  DOSSIER_NOTICE_KINDS,
  DOTTED,
  dossierNoticeContent,
  hasNotice,
  noticeDatePhrase,
  noticeDay,
  placeName,
  refusalNoticeContent,
  stopNoticeContent,
  type DossierNoticeContent,
  type DossierNoticeKind,
  type DossierNoticeRecord,
  type NoticeParagraph,
  type NoticeRun,
} from "./notices.ts";
export {
  isPhoneNumber,
  isPhoneProof,
  maskName,
  maskPhone,
  phoneConfirms,
  phoneDigits,
  phoneEndsWith,
} from "./personal-data.ts";
export { RULE_SETS, ruleSetById, ruleSetOn, type RuleSet } from "./rule-sets.ts";
export {
  DOSSIER_CHANNELS,
  DOSSIER_CHANNEL_LABELS,
  ONLINE_LEVELS,
  ONLINE_LEVEL_LABELS,
  PROCEDURE_LEVELS,
  RULE_SET_IDS,
  type DossierChannel,
  type OnlineLevel,
  type ProcedureLevel,
  type RuleSetId,
} from "./dossier-values.ts";
export {
  TIMELINESS_LABELS,
  isLate,
  timeliness,
  type Timeliness,
  type TimelinessInput,
} from "./timeliness.ts";
export { movedDueDate, pausedWorkingDays } from "./supplement-pause.ts";
export { formatVietnamDateTime, instantOfVietnamLocal, vietnamLocal } from "./local-time.ts";
export {
  dossierSurveyUrl,
  publicBaseUrl,
  receiptNumber,
  RETURN_EARLIEST,
  RETURN_LATEST,
  returnTime,
} from "./receipt.ts";
