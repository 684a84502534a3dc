import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DOSSIER_WORKFLOW } from "../dossier/dossier-state.ts";
import { FEEDBACK_WORKFLOW } from "../feedback/feedback-state.ts";
import {
  actionsFrom,
  defineWorkflow,
  eventLabel,
  isCaseAction,
  isCaseState,
  needsReason,
  stateAfter,
  type CaseWorkflow,
} from "./index.ts";

type Light = "green" | "amber" | "red";
type Step = "slow" | "stop" | "go";

const lights: CaseWorkflow<Light, Step> = {
  register: "dossier",
  caseNoun: "đèn",
  states: ["green", "amber", "red"],
  actions: ["slow", "stop", "go"],
  initialState: "green",
  stateLabels: { green: "Xanh", amber: "Vàng", red: "Đỏ" },
  actionLabels: { slow: "Chậm lại", stop: "Dừng", go: "Đi" },
  transitions: {
    slow: { from: ["green"], to: "amber" },
    stop: { from: ["amber"], to: "red" },
    go: { from: ["red"], to: "green" },
  },
  actionsNeedingReason: new Set(["stop"]),
  finishedStates: new Set(["red"]),
  openStates: ["green", "amber"],
  eventLabels: { receive: "Bật đèn" },
};

const refuse = (message: string) => new Error(message);

describe("case workflow", () => {
  it("follows the table and explains a refused action in Vietnamese", () => {
    const workflow = defineWorkflow(lights);
    expect(stateAfter(workflow, "green", "slow", refuse)).toBe("amber");
    expect(() => stateAfter(workflow, "green", "stop", refuse)).toThrow(
      "Không thể “Dừng” khi đèn đang ở trạng thái “Xanh”.",
    );
    expect(actionsFrom(workflow, "red")).toEqual(["go"]);
    expect(needsReason(workflow, "stop")).toBe(true);
    expect(needsReason(workflow, "go")).toBe(false);
  });

  it("refuses a definition whose table names an unknown state", () => {
    expect(() =>
      defineWorkflow({
        ...lights,
        transitions: { ...lights.transitions, go: { from: ["blue" as Light], to: "green" } },
      }),
    ).toThrow(/unknown state blue/);
    expect(() => defineWorkflow({ ...lights, openStates: ["violet" as Light] })).toThrow(
      /unknown state violet/,
    );
  });

  it("labels transitions and the register's other events", () => {
    expect(eventLabel(lights, "stop")).toBe("Dừng");
    expect(eventLabel(lights, "receive")).toBe("Bật đèn");
    expect(eventLabel(lights, "unknown")).toBe("unknown");
  });

  for (const workflow of [DOSSIER_WORKFLOW, FEEDBACK_WORKFLOW] as CaseWorkflow<string, string>[]) {
    describe(`the ${workflow.register} register`, () => {
      it("labels every state and action, and moves only as its table says", () => {
        for (const state of workflow.states) expect(workflow.stateLabels[state]).toBeTruthy();
        for (const action of workflow.actions) expect(workflow.actionLabels[action]).toBeTruthy();
        fc.assert(
          fc.property(
            fc.constantFrom(...workflow.states),
            fc.constantFrom(...workflow.actions),
            (state, action) => {
              const rule = workflow.transitions[action]!;
              if (rule.from.includes(state)) {
                expect(stateAfter(workflow, state, action, refuse)).toBe(rule.to);
              } else {
                expect(() => stateAfter(workflow, state, action, refuse)).toThrow(
                  workflow.caseNoun,
                );
              }
            },
          ),
        );
      });

      it("keeps open and finished states apart; its reasons name its own actions", () => {
        expect(isCaseState(workflow, workflow.initialState)).toBe(true);
        for (const state of workflow.openStates) {
          expect(workflow.finishedStates.has(state)).toBe(false);
        }
        for (const action of workflow.actionsNeedingReason) {
          expect(isCaseAction(workflow, action)).toBe(true);
        }
      });
    });
  }
});
