/**
 * Response contracts of the PAR Index scorecards (`/api/scorecards`) and of publishing a
 * methodology. Where the service answers a core type (bands, entries, the forecast, a ranked
 * row), the schema is checked against it with `satisfies`; the web infers its types from here.
 */
import { z } from "zod";
import { RULE_TYPES, type ScoreBand } from "../../core/methodology/index.ts";
import { UNIT_LEVELS } from "../../core/organization/unit-rules.ts";
import {
  SCORECARD_STATUSES,
  SCORECARD_TRANSITIONS,
  type LeafEntry,
  type PointLoss,
  type RankedRow,
  type ScorecardForecast,
} from "../../core/scorecard/index.ts";

const status = z.enum(SCORECARD_STATUSES);

/* ---------- inputs (the web sends `z.input` of these) ---------- */

const points = z.number({ error: "Điểm phải là số." }).finite().min(0).max(1000).nullable();
export const leafCode = z.string().trim().min(1).max(80);
const note = z.string().trim().max(4000).nullish();

export const selfEntryInput = z.object({
  selfPoints: points,
  notApplicable: z.boolean().default(false),
  explanation: note,
  overrideReason: note,
});

export const appraisalInput = z.object({
  appraisedPoints: points,
  appraisedNotApplicable: z.boolean().default(false),
  note,
});

export const linkEvidenceInput = z.object({
  leafCodes: z.array(leafCode).min(1).max(100),
  evidenceIds: z.array(z.uuid()).min(1).max(50),
});

export const transitionInput = z.object({ action: z.enum(SCORECARD_TRANSITIONS), note });

export const scoreBandView = z.object({
  code: z.string(),
  label: z.string(),
  min: z.number(),
}) satisfies z.ZodType<ScoreBand>;

/** `POST /api/methodologies/:id/publish`. */
export const methodologyPublicationResponse = z.object({
  data: z.object({
    methodologyId: z.string(),
    year: z.number(),
    level: z.enum(UNIT_LEVELS),
    publishedAt: z.string(),
  }),
});

/* ---------- list and open ---------- */

export const scorecardSummaryView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  status,
  statusLabel: z.string(),
  selfIndex: z.number().nullable(),
  appraisedIndex: z.number().nullable(),
});

/** `GET /api/scorecards`: with the server's day and year (pages open this year's card by them). */
export const scorecardListResponse = z.object({
  data: z.array(scorecardSummaryView),
  can: z.object({
    open: z.boolean(),
    /** May rank the units below (`GET /api/scorecards/ranking` for this unit). */
    rank: z.boolean(),
  }),
  today: z.string().describe("YYYY-MM-DD, in Vietnam"),
  currentYear: z.number().int(),
});

/** `POST /api/scorecards`: the card opened, or the one already open (`created: false`). */
export const scorecardOpenResponse = z.object({
  data: z.object({ id: z.string(), created: z.boolean() }),
});

/* ---------- detail ---------- */

const scoredBrief = z.object({
  points: z.number(),
  max: z.number(),
  applicable: z.boolean(),
  explanation: z.string(),
});

export const scorecardNodeView = z.object({
  code: z.string(),
  name: z.string(),
  depth: z.number().describe("1 lĩnh vực, 2 tiêu chí, 3 tiêu chí thành phần"),
  kind: z.enum(["group", "leaf"]),
  maxPoints: z.number(),
  rule: z.enum(RULE_TYPES).nullable().describe("null for a group"),
  auto: z.boolean().describe("scored from live data"),
  levels: z.array(z.object({ label: z.string(), points: z.number() })),
  note: z.string().nullable(),
  self: scoredBrief.nullable(),
  appraised: scoredBrief.nullable(),
});

export const scorecardEntryView = z.object({
  leafCode: z.string(),
  selfPoints: z.number().nullable(),
  notApplicable: z.boolean(),
  explanation: z.string().nullable(),
  overrideReason: z.string().nullable(),
  appraisedPoints: z.number().nullable(),
  appraisedNotApplicable: z.boolean(),
  appraisalNote: z.string().nullable(),
}) satisfies z.ZodType<Omit<LeafEntry, "evidenceCount">>;

export const scorecardAreaView = z.object({
  code: z.string(),
  name: z.string(),
  max: z.number(),
  selfPoints: z.number(),
  appraisedPoints: z.number().nullable(),
  targetScore: z.number().nullable().describe("the year's plan target for the area"),
  targetMax: z.number().nullable(),
});

export const scorecardEvidenceView = z.object({
  leafCode: z.string(),
  evidenceId: z.string(),
  fileName: z.string(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
});

export const evidenceChoiceView = z.object({
  id: z.string(),
  fileName: z.string(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
});

export const scorecardEventView = z.object({
  action: z.enum(SCORECARD_TRANSITIONS),
  fromStatus: status,
  toStatus: status,
  note: z.string().nullable(),
  at: z.string(),
});

export const scorecardDetailView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  today: z.string().describe("the day the live figures run to (YYYY-MM-DD, in Vietnam)"),
  status,
  statusLabel: z.string(),
  methodology: z.object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    scale: z.number(),
    bands: z.array(scoreBandView),
  }),
  selfTotal: z.number(),
  selfIndex: z.number(),
  selfBand: z.string().nullable(),
  appraisedTotal: z.number().nullable(),
  appraisedIndex: z.number().nullable(),
  appraisedBand: z.string().nullable(),
  areas: z.array(scorecardAreaView),
  nodes: z.array(scorecardNodeView),
  entries: z.array(scorecardEntryView),
  evidence: z.array(scorecardEvidenceView),
  evidenceChoices: z.array(evidenceChoiceView).describe("empty unless the caller may write"),
  events: z.array(scorecardEventView),
});

export const scorecardCan = z.object({
  write: z.boolean(),
  submit: z.boolean(),
  appraise: z.boolean(),
  return: z.boolean(),
  publish: z.boolean(),
});

/** `GET /api/scorecards/:id`. */
export const scorecardDetailResponse = z.object({ data: scorecardDetailView, can: scorecardCan });

/* ---------- writes ---------- */

/** Saving a self score or an appraisal, or unlinking evidence: the leaf touched. */
export const leafSavedResponse = z.object({ data: z.object({ leafCode: z.string() }) });

/** `POST /api/scorecards/:id/evidence`: links made (leaves × files). */
export const evidenceLinkedResponse = z.object({ data: z.object({ linked: z.number().int() }) });

/** `POST /api/scorecards/:id/evidence/upload`. */
export const uploadedEvidenceResponse = z.object({
  data: z.object({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    documentNumber: z.string().nullable(),
    documentDate: z.string().nullable(),
    documentType: z.string().nullable(),
    uploadedAt: z.string(),
    leafCodes: z.array(z.string()),
  }),
});

/** `POST /api/scorecards/:id/transitions`: the new status and the totals frozen with it. */
export const scorecardTransitionResponse = z.object({
  data: z.object({
    id: z.string(),
    status,
    selfTotal: z.number(),
    selfIndex: z.number(),
    appraisedTotal: z.number().nullable(),
    appraisedIndex: z.number().nullable(),
  }),
});

/* ---------- forecast and ranking ---------- */

export const pointLossView = z.object({
  leafCode: z.string(),
  name: z.string(),
  areaCode: z.string(),
  points: z.number(),
  max: z.number(),
  stake: z.number(),
  explanation: z.string(),
  recovery: z.array(z.string()),
}) satisfies z.ZodType<PointLoss>;

export const scorecardForecastView = z.object({
  asOf: z.string(),
  total: z.number(),
  scale: z.number(),
  index: z.number(),
  band: z.string().nullable(),
  losses: z.array(pointLossView),
}) satisfies z.ZodType<ScorecardForecast>;

/** `GET /api/scorecards/:id/forecast`. */
export const scorecardForecastResponse = z.object({ data: scorecardForecastView });

export const rankedRowView = z.object({
  unitId: z.string(),
  unitName: z.string(),
  index: z.number().nullable().describe("final index (%), null when not appraised"),
  rank: z.number().int().nullable(),
  band: scoreBandView.nullable(),
}) satisfies z.ZodType<RankedRow>;

export const rankingRowView = rankedRowView.extend({
  scorecardId: z.string().nullable(),
  status: status.nullable(),
  areas: z.array(
    z.object({ code: z.string(), name: z.string(), points: z.number(), max: z.number() }),
  ),
});

/** `GET /api/scorecards/ranking`. */
export const scorecardRankingResponse = z.object({
  data: z.object({
    year: z.number(),
    bands: z.array(scoreBandView),
    rows: z.array(rankingRowView),
  }),
});
