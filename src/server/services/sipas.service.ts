import type { PublicSipasChannel, SipasChannel } from "../../core/sipas/channel.ts";
import { scopeIncludes } from "../../core/access/role-policy.ts";
import { parseDossierCode, phoneEndsWith } from "../../core/dossier/index.ts";
import {
  FIELD_GROUP_LABELS,
  NO_ANSWER_LABEL,
  ANSWER_LABELS,
  answerProblems,
  computeIndices,
  fieldGroupOf,
  itemsOf,
  periodLabel,
  questionnaireByCode,
  questionnaireInForce,
  satisfactionFigure,
  type Answers,
  type FieldGroup,
  type Figure,
  type PartKey,
  type PeriodGranularity,
  type Questionnaire,
  type RespondentCounts,
  type SatisfactionScope,
  type SipasIndices,
} from "../../core/sipas/index.ts";
import { compareVietnamese } from "../../core/text/vietnamese-text.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { findDossierByCode, type DossierListRow } from "../db/repositories/dossier.repository.ts";
import * as sipasRepository from "../db/repositories/sipas.repository.ts";
import {
  findUnitById,
  findUnitsByCodes,
  loadUnitTree,
} from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import { requireUnitAction } from "../http/route-access.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import {
  claimAttempt,
  refundAttempt,
  throttledLookup,
  waitError,
  type Charge,
} from "./attempt-throttle.ts";
import { runUseCase, type UseCaseContext } from "./use-case.ts";

/*
 * SIPAS surveys: citizens answer on the public phone page (QR code per desk, per procedure field
 * or on the dossier receipt) or at the desk's kiosk; clerks type in paper forms. Indices per item,
 * factor, part and overall, by period, unit (with its subtree) and field group. No personal data
 * is stored with a response, and the public routes never show any response or index.
 */

/** The parts each way of answering asks: the kiosk at the desk asks about the service only. */
const PARTS_ASKED: Record<SipasChannel, readonly PartKey[]> = {
  phone: ["service", "policy"],
  kiosk: ["service"],
  paper: ["service", "policy"],
};

const PUBLIC_ACTOR: Actor = { userId: null, name: "Người dân (khảo sát)", grants: [] };

async function activeUnitByCode(exec: Executor, unitCode: string) {
  const [unit] = await findUnitsByCodes(exec, [unitCode.trim()]);
  if (!unit || unit.validTo !== null) {
    throw new AppError("SIPAS_UNIT_INVALID", { params: { code: unitCode.trim() } });
  }
  return unit;
}

function questionnaireView(version: Questionnaire, parts: readonly PartKey[]) {
  return {
    code: version.code,
    name: version.name,
    effectiveFrom: version.effectiveFrom,
    scale: ([1, 2, 3, 4, 5] as const).map((value) => ({ value, label: ANSWER_LABELS[value] })),
    noAnswerLabel: NO_ANSWER_LABEL,
    parts: version.parts
      .filter((part) => parts.includes(part.key))
      .map((part) => ({
        key: part.key,
        label: part.label,
        factors: part.factors.map((factor) => ({
          key: factor.key,
          label: factor.label,
          items: factor.items.map((item) => ({ code: item.code, text: item.text })),
        })),
      })),
  };
}

/** The questionnaire in force for a unit's public page or kiosk, and the unit's fields. */
export async function publicQuestionnaire(
  db: Executor,
  unitCode: string,
  channel: PublicSipasChannel,
  today: string,
) {
  const unit = await activeUnitByCode(db, unitCode);
  const fields = await sipasRepository.procedureFieldsOfUnit(db, unit.id);
  return {
    data: {
      unit: { code: unit.code, name: unit.name },
      fields: fields.sort(compareVietnamese),
      questionnaire: questionnaireView(questionnaireInForce(today), PARTS_ASKED[channel]),
    },
  };
}

interface StoreInput {
  unitId: string;
  channel: SipasChannel;
  answeredOn: string;
  answers: Answers;
  dossier: DossierListRow | null;
  procedureField: string | null;
  desk: string | null;
}

function checkAnswers(version: Questionnaire, channel: SipasChannel, answers: Answers) {
  const problems = answerProblems(version, answers, PARTS_ASKED[channel]);
  if (problems.length > 0) throw new AppError("SIPAS_ANSWERS_INVALID", { details: problems });
}

async function checkField(exec: Executor, unitId: string, field: string | null) {
  if (field === null) return null;
  const fields = await sipasRepository.procedureFieldsOfUnit(exec, unitId);
  const known = fields.find((f) => f === field.trim());
  if (!known) throw new AppError("SIPAS_FIELD_INVALID", { params: { field: field.trim() } });
  return known;
}

/** Stores one response and its answers with its audit event, in the caller's transaction. */
async function storeResponse({ tx, actor, audit }: UseCaseContext, input: StoreInput) {
  const version = questionnaireInForce(input.answeredOn);
  checkAnswers(version, input.channel, input.answers);
  const field = input.dossier ? input.dossier.procedureField : input.procedureField;
  const row = await sipasRepository.insertResponseIfDossierFree(tx, {
    unitId: input.unitId,
    questionnaireCode: version.code,
    channel: input.channel,
    dossierId: input.dossier?.id ?? null,
    procedureField: field,
    fieldGroup: fieldGroupOf(field),
    desk: input.desk,
    answeredOn: input.answeredOn,
    enteredById: input.channel === "paper" ? actor.userId : null,
  });
  if (!row) throw new AppError("SIPAS_DOSSIER_ALREADY_ANSWERED");
  const asked = itemsOf(version).filter((item) =>
    PARTS_ASKED[input.channel].includes(item.partKey),
  );
  await sipasRepository.insertAnswers(
    tx,
    asked.map((item) => ({
      responseId: row.id,
      itemCode: item.code,
      factorKey: item.factorKey,
      partKey: item.partKey,
      value: input.answers[item.code] ?? null,
    })),
  );
  const channelLabel = { phone: "điện thoại", kiosk: "kiosk", paper: "phiếu giấy" }[input.channel];
  await audit({
    action: "sipas.response",
    entityId: row.id,
    unitId: input.unitId,
    after: { ...row, answers: input.answers },
    summary: `Phiếu khảo sát sự hài lòng (${channelLabel})${input.dossier ? ` cho hồ sơ ${input.dossier.code}` : ""}`,
  });
  return row;
}

export interface PublicResponseInput {
  unitCode: string;
  channel: PublicSipasChannel;
  answers: Answers;
  dossierCode?: string | null;
  phoneLast4?: string | null;
  procedureField?: string | null;
  desk?: string | null;
}

export interface ClientContext {
  deviceToken: string;
  address: string;
  now: Date;
}

/**
 * Abuse limits of the public page and the kiosk: each response is charged to the device and to
 * the address (hashed keys, src/core/throttle); a refused or failed response gets its charges back.
 */
async function underSurveyThrottle<T>(db: Executor, client: ClientContext, work: () => Promise<T>) {
  const charges: Charge[] = [];
  for (const [kind, key] of [
    ["sipas_device", client.deviceToken],
    ["sipas_address", client.address],
  ] as const) {
    const claim = await claimAttempt(db, kind, key, client.now);
    if (!claim.allowed) {
      for (const charge of charges) await refundAttempt(db, charge);
      throw waitError("SIPAS_RATE_LIMITED", claim.waitSeconds);
    }
    charges.push(claim.charge);
  }
  try {
    return await work();
  } catch (error) {
    for (const charge of charges) await refundAttempt(db, charge);
    throw error;
  }
}

/**
 * A citizen answers on the public page or at the kiosk. Tied to a dossier, the code and the last
 * four digits of the applicant's phone must match (as for the public lookup, wrong digits are
 * counted per code); the dossier must belong to the unit, and gets one response only.
 */
export async function submitPublicResponse(
  db: Executor,
  input: PublicResponseInput,
  client: ClientContext,
) {
  return underSurveyThrottle(db, client, async () => {
    const unit = await activeUnitByCode(db, input.unitCode);
    const answeredOn = vietnamDate(client.now);
    checkAnswers(questionnaireInForce(answeredOn), input.channel, input.answers);
    const dossier = input.dossierCode
      ? await dossierOfApplicant(db, unit.id, input.dossierCode, input.phoneLast4 ?? null, client)
      : null;
    const field = dossier ? null : await checkField(db, unit.id, input.procedureField ?? null);
    await runUseCase(db, PUBLIC_ACTOR, (context) =>
      storeResponse(context, {
        unitId: unit.id,
        channel: input.channel,
        answeredOn,
        answers: input.answers,
        dossier,
        procedureField: field,
        desk: input.desk?.trim() || null,
      }),
    );
    return { data: { unitName: unit.name, answeredOn, dossierCode: dossier?.code ?? null } };
  });
}

const isLookupFailure = (error: unknown) =>
  error instanceof AppError && error.code === "PUBLIC_LOOKUP_FAILED";

async function dossierOfApplicant(
  db: Executor,
  unitId: string,
  code: string,
  phoneLast4: string | null,
  client: ClientContext,
) {
  if (!phoneLast4) throw new AppError("SIPAS_PHONE_REQUIRED");
  const trimmed = code.trim().toUpperCase();
  const key = parseDossierCode(trimmed) ? trimmed : null;
  return throttledLookup(db, "dossier_lookup", key, client.now, isLookupFailure, async () => {
    const row = key ? await findDossierByCode(db, key) : null;
    if (!row || row.unitId !== unitId || !phoneEndsWith(row.applicantPhone, phoneLast4)) {
      throw new AppError("PUBLIC_LOOKUP_FAILED");
    }
    return row;
  });
}

export interface PaperResponseInput {
  answeredOn: string;
  answers: Answers;
  dossierCode?: string | null;
  procedureField?: string | null;
  desk?: string | null;
}

/** A clerk types in a paper form answered at the unit's desk. */
export async function enterPaperResponse(
  db: Executor,
  actor: Actor,
  unitId: string,
  input: PaperResponseInput,
) {
  await requireUnitAction(db, actor, ["survey.write"], unitId);
  return runUseCase(db, actor, async (context) => {
    let dossier: DossierListRow | null = null;
    if (input.dossierCode) {
      const code = input.dossierCode.trim().toUpperCase();
      dossier = await findDossierByCode(context.tx, code);
      if (!dossier || dossier.unitId !== unitId) {
        throw new AppError("SIPAS_DOSSIER_NOT_IN_UNIT", { params: { code } });
      }
    }
    const field = dossier
      ? null
      : await checkField(context.tx, unitId, input.procedureField ?? null);
    const row = await storeResponse(context, {
      unitId,
      channel: "paper",
      answeredOn: input.answeredOn,
      answers: input.answers,
      dossier,
      procedureField: field,
      desk: input.desk?.trim() || null,
    });
    return {
      data: {
        id: row.id,
        answeredOn: row.answeredOn,
        questionnaireCode: row.questionnaireCode,
        dossierCode: dossier?.code ?? null,
        procedureField: row.procedureField,
      },
    };
  });
}

export interface IndexQuery {
  unitId: string;
  from: string;
  to: string;
  fieldGroup?: FieldGroup;
  includeSubunits?: boolean;
}

/** The repository's filter of a query over `unitIds`, under the questionnaire version in force. */
function responseFilter(
  unitIds: string[],
  version: Questionnaire,
  query: IndexQuery & { fieldGroups?: readonly FieldGroup[] | null },
): sipasRepository.ResponseFilter {
  const fieldGroups = query.fieldGroups ?? (query.fieldGroup ? [query.fieldGroup] : undefined);
  return {
    unitIds,
    questionnaireCode: version.code,
    from: query.from,
    to: query.to,
    ...(fieldGroups ? { fieldGroups } : {}),
  };
}

/** The units whose responses count: the unit, or its subtree as of the period, within reach. */
async function unitsOf(db: Executor, actor: Actor | null, query: IndexQuery) {
  if (query.from > query.to) throw new AppError("SIPAS_PERIOD_INVALID");
  if (actor) await requireUnitAction(db, actor, ["survey.read"], query.unitId);
  else if (!(await findUnitById(db, query.unitId))) throw new AppError("UNIT_NOT_FOUND");
  if (!query.includeSubunits) return [query.unitId];
  const tree = await loadUnitTree(db);
  const ids = tree.unitsCountingFor(query.unitId, { from: query.from, to: query.to });
  if (!actor) return ids;
  const scope = await access.unitScope(db, actor, "survey.read");
  return ids.filter((id) => scopeIncludes(scope, id));
}

function respondentsOf(rows: sipasRepository.PeriodRespondents[]): RespondentCounts {
  const counts: RespondentCounts = { total: 0, byPart: {}, byFactor: {} };
  for (const row of rows) {
    if (row.scope === "total") counts.total = row.count;
    else if (row.scope.startsWith("part:"))
      counts.byPart[row.scope.slice(5) as PartKey] = row.count;
    else counts.byFactor[row.scope.slice(7)] = row.count;
  }
  return counts;
}

async function indicesOver(
  db: Executor,
  unitIds: string[],
  query: IndexQuery & { fieldGroups?: readonly FieldGroup[] | null },
) {
  const version = questionnaireInForce(query.to);
  const filter = responseFilter(unitIds, version, query);
  const tallies = await sipasRepository.tallyAnswers(db, filter);
  const respondents = await sipasRepository.countRespondents(db, filter);
  return { version, indices: computeIndices(version, tallies, respondentsOf(respondents)) };
}

/**
 * The satisfaction figure `{ numerator, denominator }` of a unit (optionally with its subtree)
 * over a period, for the 766 satisfaction indicators and the plans' satisfaction targets; also
 * the number of responses behind it and whether that sample is too small to trust. `fieldGroups`
 * narrows to responses about procedures of those groups (land and construction targets). No
 * access check: the caller (a metric of a unit it already checked) decides who sees the result.
 */
export async function sipasSatisfaction(
  db: Executor,
  query: IndexQuery & {
    scope?: SatisfactionScope;
    fieldGroups?: readonly FieldGroup[] | null;
  },
): Promise<Figure & { respondents: number; isSmallSample: boolean; minSample: number }> {
  const unitIds = await unitsOf(db, null, query);
  const { indices } = await indicesOver(db, unitIds, query);
  return {
    ...satisfactionFigure(indices, query.scope ?? "overall"),
    respondents: indices.overall.sampleSize,
    isSmallSample: indices.overall.isSmallSample,
    minSample: indices.minSample,
  };
}

/** Indices of a unit over a period, for the signed-in pages. */
export async function sipasIndices(db: Executor, actor: Actor, query: IndexQuery) {
  const unitIds = await unitsOf(db, actor, query);
  const { version, indices } = await indicesOver(db, unitIds, query);
  const canWrite = (await access.check(db, actor, "survey.write", "unit", [query.unitId])).has(
    query.unitId,
  );
  return {
    data: {
      ...indices,
      questionnaireName: version.name,
      unitCount: unitIds.length,
      fieldGroupLabel: query.fieldGroup ? FIELD_GROUP_LABELS[query.fieldGroup] : null,
    },
    can: { enterPaper: canWrite },
  };
}

/** Overall, service and policy indices per month or quarter, each with its responses. */
export async function sipasTrend(
  db: Executor,
  actor: Actor,
  query: IndexQuery & { granularity: PeriodGranularity },
) {
  const unitIds = await unitsOf(db, actor, query);
  const version = questionnaireInForce(query.to);
  const filter = responseFilter(unitIds, version, query);
  const tallies = await sipasRepository.tallyAnswers(db, filter, query.granularity);
  const respondents = await sipasRepository.countRespondents(db, filter, query.granularity);
  const periods = [...new Set(respondents.map((row) => row.period))].sort();
  const rows = periods.map((period) => {
    const indices: SipasIndices = computeIndices(
      version,
      tallies.filter((t) => t.period === period),
      respondentsOf(respondents.filter((r) => r.period === period)),
    );
    const partOf = (key: PartKey) => indices.parts.find((p) => p.key === key);
    const figure = (
      level: { percent: number | null; sampleSize: number; isSmallSample: boolean } | undefined,
    ) => ({
      percent: level?.percent ?? null,
      respondents: level?.sampleSize ?? 0,
      isSmallSample: level?.isSmallSample ?? true,
    });
    return {
      period,
      label: periodLabel(period),
      overall: figure(indices.overall),
      service: figure(partOf("service")),
      policy: figure(partOf("policy")),
    };
  });
  return { data: { questionnaireCode: version.code, minSample: version.minSample, rows } };
}

/** What the printable QR page needs: the unit's code and name, and its procedure fields. */
export async function sipasQrTargets(db: Executor, actor: Actor, unitId: string) {
  await requireUnitAction(db, actor, ["survey.read"], unitId);
  const unit = await findUnitById(db, unitId);
  if (!unit) throw new AppError("UNIT_NOT_FOUND");
  const fields = await sipasRepository.procedureFieldsOfUnit(db, unitId);
  return {
    data: { unitCode: unit.code, unitName: unit.name, fields: fields.sort(compareVietnamese) },
  };
}

/** The questionnaire in force on a day, all parts (the paper form), for signed-in users. */
export function questionnaireForPaper(day: string, code?: string) {
  const version = (code ? questionnaireByCode(code) : null) ?? questionnaireInForce(day);
  return { data: questionnaireView(version, PARTS_ASKED.paper) };
}
