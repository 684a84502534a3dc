import { PgDialect, getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ROLES, ROLE_LABELS } from "../../src/core/access/role-policy.ts";
import { CASE_REGISTERS } from "../../src/core/case-register/index.ts";
import { DOSSIER_IMPORT_STATES } from "../../src/core/dossier/import/import-states.ts";
import { DOSSIER_STATES, STATE_LABELS } from "../../src/core/dossier/dossier-state.ts";
import {
  DOSSIER_CHANNELS,
  DOSSIER_CHANNEL_LABELS,
  ONLINE_LEVELS,
  ONLINE_LEVEL_LABELS,
  PROCEDURE_LEVELS,
  RULE_SET_IDS,
} from "../../src/core/dossier/dossier-values.ts";
import { DOCUMENT_FORMS, DOCUMENT_FORM_LABELS } from "../../src/core/dossier/required-documents.ts";
import {
  FEEDBACK_CLASSIFICATIONS,
  FEEDBACK_CLASSIFICATION_LABELS,
  FEEDBACK_STATES,
  FEEDBACK_STATE_LABELS,
} from "../../src/core/feedback/feedback-state.ts";
import {
  FEEDBACK_CHANNELS,
  FEEDBACK_CHANNEL_LABELS,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  STAFF_FEEDBACK_CHANNELS,
} from "../../src/core/feedback/feedback-values.ts";
import { JOB_STATES, JOB_STATE_LABELS } from "../../src/core/jobs/job-rules.ts";
import {
  METHODOLOGY_KINDS,
  METHODOLOGY_KIND_LABELS,
  METHODOLOGY_STATUSES,
} from "../../src/core/methodology/methodology-status.ts";
import {
  AGENCY_KINDS,
  COMMUNE_KINDS,
  COMMUNE_KIND_LABELS,
  UNIT_LEVELS,
  UNIT_LEVEL_LABELS,
} from "../../src/core/organization/unit-rules.ts";
import { AREA_HEADINGS, AREA_KEYS } from "../../src/core/plan/plan-area.ts";
import { PLAN_SIGNER_AUTHORITIES } from "../../src/core/plan/plan-issuer.ts";
import { PLAN_PERIOD_KINDS } from "../../src/core/plan/plan-period.ts";
import { PLAN_STATUSES, PLAN_STATUS_LABELS } from "../../src/core/plan/plan-status.ts";
import {
  TARGET_COMPARATORS,
  TARGET_METRICS,
  TARGET_UNITS,
} from "../../src/core/plan/target-metric.ts";
import { OCCURRENCE_STATUSES, STORED_TASK_STATUSES } from "../../src/core/plan/task-status.ts";
import {
  HOLIDAY_SHIFTS,
  PERIOD_RULES,
  REPORT_KIND_STATUSES,
  REPORT_PERIOD_KINDS,
} from "../../src/core/report/report-calendar.ts";
import {
  REPORT_REVIEWS,
  REPORT_STATUSES,
  REPORT_STATUS_LABELS,
} from "../../src/core/report/report-workflow.ts";
import {
  SCORECARD_STATUSES,
  SCORECARD_STATUS_LABELS,
  SCORECARD_TRANSITIONS,
} from "../../src/core/scorecard/scorecard.ts";
import { PUBLIC_SIPAS_CHANNELS, SIPAS_CHANNELS } from "../../src/core/sipas/channel.ts";
import { FIELD_GROUPS, FIELD_GROUP_LABELS } from "../../src/core/sipas/field-group.ts";
import { PART_KEYS } from "../../src/core/sipas/questionnaire.ts";
import { caseDailyCounters, caseEvents } from "../../src/server/db/schema-case-register.ts";
import { dossierImports } from "../../src/server/db/schema-dossier-import.ts";
import { feedback } from "../../src/server/db/schema-feedback.ts";
import { jobs } from "../../src/server/db/schema-jobs.ts";
import { methodologies } from "../../src/server/db/schema-methodology.ts";
import {
  apologyLetters,
  dossierDocuments,
  dossiers,
  procedureDocuments,
  procedures,
} from "../../src/server/db/schema-one-stop.ts";
import {
  planAreas,
  plans,
  planTargets,
  planTasks,
  taskOccurrences,
  taskUpdates,
} from "../../src/server/db/schema-plan.ts";
import { reportKinds, reports, reportVersions } from "../../src/server/db/schema-report.ts";
import { scorecardEvents, scorecards } from "../../src/server/db/schema-scorecard.ts";
import { sipasAnswers, sipasResponses } from "../../src/server/db/schema-sipas.ts";
import { agencies, units, userRoles } from "../../src/server/db/schema.ts";
import { feedbackView, registerFeedbackBody } from "../../src/server/routes/feedback.schemas.ts";
import { jobView } from "../../src/server/routes/job.routes.ts";
import { methodologySummaryView } from "../../src/server/routes/methodology.schemas.ts";
import {
  dossierView,
  procedureBody,
  procedureDocumentInput,
  procedureDocumentView,
  receiveBody,
  receivedDocumentInput,
  receivedDocumentView,
} from "../../src/server/routes/one-stop.schemas.ts";
import { agencyView, roleView, unitView } from "../../src/server/routes/organization.schemas.ts";
import {
  areaKey,
  occurrenceInput,
  periodInput,
  planHeaderInput,
  progressInput,
  targetInput,
} from "../../src/server/routes/plan.schemas.ts";
import {
  kindInput,
  kindView,
  reportView,
  versionSummaryView,
} from "../../src/server/routes/report.schemas.ts";
import { indexQuery, publicResponseInput } from "../../src/server/routes/sipas.schemas.ts";
import { viFeedback } from "../../src/web/pages/feedback/vi-feedback.ts";
import { importLabels } from "../../src/web/pages/one-stop/import/dossier-import.labels.ts";
import { viOneStop } from "../../src/web/i18n/vi-one-stop.ts";
import { vi } from "../../src/web/i18n/vi.ts";

/*
 * Each closed list of values lives once, in the core. This checks that everything built from a
 * list covers exactly its values: the database CHECK of each column holding it (read from the
 * drizzle schema the migrations are generated from), the route enums, and the label maps.
 */

const dialect = new PgDialect();

/** The values a CHECK named `name` on `table` allows: the quoted literals of its `in (…)`. */
function checkValues(table: PgTable, name: string): string[] {
  const check = getTableConfig(table).checks.find((c) => c.name === name);
  if (!check) throw new Error(`No check ${name} on ${getTableConfig(table).name}`);
  const text = dialect.sqlToQuery(check.value).sql;
  const list = /\bin \(([^)]*)\)/.exec(text);
  if (!list) throw new Error(`${name} is not a list of values: ${text}`);
  return [...list[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replaceAll("''", "'"));
}

/** Whether the CHECK lets null through (a nullable column). */
function checkAllowsNull(table: PgTable, name: string): boolean {
  const check = getTableConfig(table).checks.find((c) => c.name === name)!;
  return /is null or/.test(dialect.sqlToQuery(check.value).sql);
}

/** The options of a zod enum, under optional / nullable / default wrappers. */
function enumValues(schema: z.ZodType): string[] {
  let current = schema as unknown as {
    options?: readonly string[];
    unwrap?: () => unknown;
    _zod: { def: { innerType?: unknown; type: string } };
  };
  for (let depth = 0; depth < 5 && !current.options; depth++) {
    const inner = current._zod.def.innerType;
    if (!inner) throw new Error(`Not an enum: ${current._zod.def.type}`);
    current = inner as typeof current;
  }
  if (!current.options) throw new Error("Not an enum");
  return [...current.options];
}

type Shape = Record<string, z.ZodType>;
function field(object: { shape: Shape }, key: string): z.ZodType {
  const schema = object.shape[key];
  if (!schema) throw new Error(`No field ${key}`);
  return schema;
}

interface ClosedList {
  name: string;
  values: readonly string[];
  checks: [PgTable, string, "not null" | "nullable"][];
  enums?: z.ZodType[];
  labels?: Record<string, string>[];
}

const LISTS: ClosedList[] = [
  {
    name: "roles",
    values: ROLES,
    checks: [[userRoles, "user_roles_role_check", "not null"]],
    enums: [field(roleView, "role")],
    labels: [ROLE_LABELS, vi.roles],
  },
  {
    name: "unit levels",
    values: UNIT_LEVELS,
    checks: [
      [units, "units_level_check", "not null"],
      [methodologies, "methodologies_level_check", "not null"],
    ],
    enums: [field(unitView, "level")],
    labels: [UNIT_LEVEL_LABELS, vi.unitLevels],
  },
  {
    name: "commune kinds",
    values: COMMUNE_KINDS,
    checks: [[units, "units_kind_check", "nullable"]],
    enums: [field(unitView, "kind")],
    labels: [COMMUNE_KIND_LABELS, vi.unitKinds],
  },
  {
    name: "agency kinds",
    values: AGENCY_KINDS,
    checks: [[agencies, "agencies_kind_check", "not null"]],
    enums: [field(agencyView, "kind")],
    labels: [vi.agencyKinds],
  },
  {
    name: "dossier states",
    values: DOSSIER_STATES,
    checks: [[dossiers, "dossiers_state_check", "not null"]],
    enums: [field(dossierView, "state")],
    labels: [STATE_LABELS],
  },
  {
    name: "dossier channels",
    values: DOSSIER_CHANNELS,
    checks: [[dossiers, "dossiers_channel_check", "not null"]],
    enums: [field(dossierView, "channel"), field(receiveBody, "channel")],
    labels: [DOSSIER_CHANNEL_LABELS, viOneStop.channels],
  },
  {
    name: "one-stop rule sets",
    values: RULE_SET_IDS,
    checks: [
      [dossiers, "dossiers_rule_set_check", "not null"],
      [apologyLetters, "apology_letters_rule_set_check", "not null"],
    ],
    enums: [field(dossierView, "ruleSet")],
  },
  {
    name: "procedure levels",
    values: PROCEDURE_LEVELS,
    checks: [[procedures, "procedures_level_check", "not null"]],
    enums: [field(procedureBody, "level")],
  },
  {
    name: "online levels",
    values: ONLINE_LEVELS,
    checks: [[procedures, "procedures_online_level_check", "not null"]],
    enums: [field(procedureBody, "onlineLevel")],
    labels: [ONLINE_LEVEL_LABELS, viOneStop.procedures.onlineLevels],
  },
  {
    name: "document forms",
    values: DOCUMENT_FORMS,
    checks: [
      [procedureDocuments, "procedure_documents_form_check", "not null"],
      [dossierDocuments, "dossier_documents_form_check", "not null"],
    ],
    enums: [
      field(procedureDocumentInput, "form"),
      field(procedureDocumentView, "form"),
      field(receivedDocumentInput, "form"),
      field(receivedDocumentView, "form"),
    ],
    labels: [DOCUMENT_FORM_LABELS, viOneStop.documentForms],
  },
  {
    name: "dossier import states",
    values: DOSSIER_IMPORT_STATES,
    checks: [[dossierImports, "dossier_imports_state_check", "not null"]],
    labels: [importLabels.states],
  },
  {
    name: "feedback states",
    values: FEEDBACK_STATES,
    checks: [[feedback, "feedback_state_check", "not null"]],
    enums: [field(feedbackView, "state")],
    labels: [FEEDBACK_STATE_LABELS, viFeedback.states],
  },
  {
    name: "feedback channels",
    values: FEEDBACK_CHANNELS,
    checks: [[feedback, "feedback_channel_check", "not null"]],
    enums: [field(feedbackView, "channel")],
    labels: [FEEDBACK_CHANNEL_LABELS, viFeedback.allChannels],
  },
  {
    name: "feedback classifications",
    values: FEEDBACK_CLASSIFICATIONS,
    checks: [[feedback, "feedback_classification_check", "nullable"]],
    enums: [field(feedbackView, "classification")],
    labels: [FEEDBACK_CLASSIFICATION_LABELS, viFeedback.classifications],
  },
  {
    name: "satisfaction levels",
    values: SATISFACTION_LEVELS,
    checks: [[feedback, "feedback_satisfaction_check", "nullable"]],
    enums: [field(feedbackView, "satisfaction")],
    labels: [SATISFACTION_LABELS, viFeedback.satisfaction],
  },
  {
    name: "case registers",
    values: CASE_REGISTERS,
    checks: [
      [caseEvents, "case_events_register_check", "not null"],
      [caseDailyCounters, "case_daily_counters_register_check", "not null"],
    ],
  },
  {
    name: "SIPAS channels",
    values: SIPAS_CHANNELS,
    checks: [[sipasResponses, "sipas_responses_channel_check", "not null"]],
  },
  {
    name: "SIPAS field groups",
    values: FIELD_GROUPS,
    checks: [[sipasResponses, "sipas_responses_field_group_check", "nullable"]],
    enums: [field(indexQuery, "fieldGroup")],
    labels: [FIELD_GROUP_LABELS],
  },
  {
    name: "SIPAS parts",
    values: PART_KEYS,
    checks: [[sipasAnswers, "sipas_answers_part_check", "not null"]],
  },
  {
    name: "job states",
    values: JOB_STATES,
    checks: [[jobs, "jobs_state_check", "not null"]],
    enums: [field(jobView, "state")],
    labels: [JOB_STATE_LABELS],
  },
  {
    name: "methodology kinds",
    values: METHODOLOGY_KINDS,
    checks: [[methodologies, "methodologies_kind_check", "not null"]],
    enums: [field(methodologySummaryView, "kind")],
    labels: [METHODOLOGY_KIND_LABELS],
  },
  {
    name: "methodology statuses",
    values: METHODOLOGY_STATUSES,
    checks: [[methodologies, "methodologies_status_check", "not null"]],
    enums: [field(methodologySummaryView, "status")],
  },
  {
    name: "plan statuses",
    values: PLAN_STATUSES,
    checks: [[plans, "plans_status_check", "not null"]],
    labels: [PLAN_STATUS_LABELS],
  },
  {
    name: "plan period kinds",
    values: PLAN_PERIOD_KINDS,
    checks: [[plans, "plans_period_kind_check", "not null"]],
    enums: [field(periodInput, "kind")],
  },
  {
    name: "signer authorities",
    values: PLAN_SIGNER_AUTHORITIES,
    checks: [[plans, "plans_signer_authority_check", "nullable"]],
    enums: [field(planHeaderInput, "signerAuthority")],
  },
  {
    name: "plan areas",
    values: AREA_KEYS,
    checks: [[planAreas, "plan_areas_key_check", "not null"]],
    enums: [areaKey],
    labels: [AREA_HEADINGS],
  },
  {
    name: "target comparators",
    values: TARGET_COMPARATORS,
    checks: [[planTargets, "plan_targets_comparator_check", "not null"]],
    enums: [field(targetInput, "comparator")],
  },
  {
    name: "target metrics",
    values: TARGET_METRICS,
    checks: [[planTargets, "plan_targets_metric_check", "not null"]],
    enums: [field(targetInput, "metric")],
  },
  {
    name: "target units",
    values: TARGET_UNITS,
    checks: [[planTargets, "plan_targets_unit_check", "nullable"]],
    enums: [field(targetInput, "unit")],
  },
  {
    name: "stored task statuses",
    values: STORED_TASK_STATUSES,
    checks: [
      [planTasks, "plan_tasks_status_check", "not null"],
      [taskUpdates, "task_updates_status_check", "nullable"],
    ],
    enums: [field(progressInput, "status")],
  },
  {
    name: "occurrence statuses",
    values: OCCURRENCE_STATUSES,
    checks: [[taskOccurrences, "task_occurrences_status_check", "not null"]],
    enums: [field(occurrenceInput, "status")],
  },
  {
    name: "report period kinds",
    values: REPORT_PERIOD_KINDS,
    checks: [[reportKinds, "report_kinds_period_kind_check", "not null"]],
    enums: [field(kindInput, "periodKind"), field(kindView, "periodKind")],
  },
  {
    name: "holiday shifts",
    values: HOLIDAY_SHIFTS,
    checks: [[reportKinds, "report_kinds_shift_check", "not null"]],
    enums: [field(kindInput, "holidayShift"), field(kindView, "holidayShift")],
  },
  {
    name: "report period rules",
    values: PERIOD_RULES,
    checks: [[reportKinds, "report_kinds_period_rule_check", "not null"]],
    enums: [field(kindInput, "periodRule"), field(kindView, "periodRule")],
  },
  {
    name: "report kind statuses",
    values: REPORT_KIND_STATUSES,
    checks: [[reportKinds, "report_kinds_status_check", "not null"]],
    enums: [field(kindView, "status")],
  },
  {
    name: "report statuses",
    values: REPORT_STATUSES,
    checks: [[reports, "reports_status_check", "not null"]],
    enums: [field(reportView, "status")],
    labels: [REPORT_STATUS_LABELS],
  },
  {
    name: "report reviews",
    values: REPORT_REVIEWS,
    checks: [[reportVersions, "report_versions_review_check", "not null"]],
    enums: [field(versionSummaryView, "review")],
  },
  {
    name: "scorecard statuses",
    values: SCORECARD_STATUSES,
    checks: [
      [scorecards, "scorecards_status_check", "not null"],
      [scorecardEvents, "scorecard_events_from_status_check", "not null"],
      [scorecardEvents, "scorecard_events_to_status_check", "not null"],
    ],
    labels: [SCORECARD_STATUS_LABELS],
  },
  {
    name: "scorecard transitions",
    values: SCORECARD_TRANSITIONS,
    checks: [[scorecardEvents, "scorecard_events_action_check", "not null"]],
  },
];

const sorted = (values: Iterable<string>) => [...values].sort();

describe("closed value lists", () => {
  describe.each(LISTS)("$name", (list) => {
    it("has distinct values", () => {
      expect(new Set(list.values).size).toBe(list.values.length);
    });

    it.each(list.checks)("the database check %$ allows exactly the list", (table, name, nulls) => {
      expect(sorted(checkValues(table, name))).toEqual(sorted(list.values));
      expect(checkAllowsNull(table, name)).toBe(nulls === "nullable");
    });

    it("the route enums offer exactly the list", () => {
      for (const schema of list.enums ?? []) {
        expect(sorted(enumValues(schema))).toEqual(sorted(list.values));
      }
    });

    it("every label map names every value and nothing else", () => {
      for (const labels of list.labels ?? []) {
        expect(sorted(Object.keys(labels))).toEqual(sorted(list.values));
        for (const label of Object.values(labels)) expect(label.trim()).not.toBe("");
      }
    });
  });

  it("subsets stay inside their list", () => {
    for (const [subset, whole] of [
      [STAFF_FEEDBACK_CHANNELS, FEEDBACK_CHANNELS],
      [PUBLIC_SIPAS_CHANNELS, SIPAS_CHANNELS],
      [OCCURRENCE_STATUSES, STORED_TASK_STATUSES],
      [REPORT_REVIEWS, REPORT_STATUSES],
    ] as const) {
      for (const value of subset) expect(whole as readonly string[]).toContain(value);
    }
    expect(enumValues(field(registerFeedbackBody, "channel"))).toEqual([
      ...STAFF_FEEDBACK_CHANNELS,
    ]);
    expect(enumValues(field(publicResponseInput, "channel"))).toEqual([...PUBLIC_SIPAS_CHANNELS]);
  });

  it("refuses to read a CHECK that is not a list of values (rather than read it as empty)", () => {
    expect(() => checkValues(planTasks, "plan_tasks_progress_check")).toThrow(/not a list/);
  });
});
