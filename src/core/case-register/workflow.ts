/**
 * The shape every case register shares (one-stop dossiers, citizens' feedback, and next SIPAS
 * survey rounds and inspections): a closed list of states and actions, a transition table saying
 * from which states each action is allowed and where it leads, the actions that must give a
 * reason, and the Vietnamese labels the register shows. A register's own rules (a dossier's rule
 * set, a feedback's classification) stay with it and wrap these functions.
 */

/** The registers that keep their cases' events and daily counters in the shared tables. */
export const CASE_REGISTERS = ["dossier", "feedback"] as const;
export type CaseRegister = (typeof CASE_REGISTERS)[number];

export interface CaseTransition<S extends string> {
  from: readonly S[];
  to: S;
}

export interface CaseWorkflow<S extends string, A extends string> {
  register: CaseRegister;
  /** What one case is called in messages, e.g. "hồ sơ". */
  caseNoun: string;
  states: readonly S[];
  actions: readonly A[];
  /** The state a case starts in when it is received. */
  initialState: S;
  stateLabels: Readonly<Record<S, string>>;
  actionLabels: Readonly<Record<A, string>>;
  /** The whole table: an action is allowed only from the listed states. */
  transitions: Readonly<Record<A, CaseTransition<S>>>;
  /** Actions that must give a reason. */
  actionsNeedingReason: ReadonlySet<A>;
  /** States in which handling has ended (the "finished" moment of the on-time rule). */
  finishedStates: ReadonlySet<S>;
  /** States of a case still being handled: the ones that can become overdue. */
  openStates: readonly S[];
  /** Labels of the events that are not transitions, e.g. the receipt. */
  eventLabels: Readonly<Record<string, string>>;
}

/** The error a register raises when an action is not allowed from a state. */
export type TransitionErrorFactory = (message: string) => Error;

/** Checks the definition is whole (every state and action named, every target known) and returns it. */
export function defineWorkflow<S extends string, A extends string>(
  definition: CaseWorkflow<S, A>,
): CaseWorkflow<S, A> {
  const known = new Set<string>(definition.states);
  for (const action of definition.actions) {
    const rule = definition.transitions[action];
    for (const state of [...rule.from, rule.to]) {
      if (!known.has(state)) {
        throw new Error(`${definition.register}: ${action} names unknown state ${state}`);
      }
    }
  }
  for (const state of [definition.initialState, ...definition.openStates]) {
    if (!known.has(state)) throw new Error(`${definition.register}: unknown state ${state}`);
  }
  return definition;
}

export function isCaseState<S extends string, A extends string>(
  workflow: CaseWorkflow<S, A>,
  value: string,
): value is S {
  return (workflow.states as readonly string[]).includes(value);
}

export function isCaseAction<S extends string, A extends string>(
  workflow: CaseWorkflow<S, A>,
  value: string,
): value is A {
  return (workflow.actions as readonly string[]).includes(value);
}

export function canApplyAction<S extends string, A extends string>(
  workflow: CaseWorkflow<S, A>,
  state: S,
  action: A,
): boolean {
  return workflow.transitions[action].from.includes(state);
}

/** The actions allowed from `state`, in the workflow's order. */
export function actionsFrom<S extends string, A extends string>(
  workflow: CaseWorkflow<S, A>,
  state: S,
): A[] {
  return workflow.actions.filter((action) => canApplyAction(workflow, state, action));
}

/** The state after `action`; raises the register's error with a Vietnamese explanation. */
export function stateAfter<S extends string, A extends string>(
  workflow: CaseWorkflow<S, A>,
  state: S,
  action: A,
  error: TransitionErrorFactory,
): S {
  if (!canApplyAction(workflow, state, action)) {
    throw error(
      `Không thể “${workflow.actionLabels[action]}” khi ${workflow.caseNoun} đang ở trạng thái “${workflow.stateLabels[state]}”.`,
    );
  }
  return workflow.transitions[action].to;
}

export function needsReason<S extends string, A extends string>(
  workflow: CaseWorkflow<S, A>,
  action: A,
): boolean {
  return workflow.actionsNeedingReason.has(action);
}

/** The label of an event in a case's history: an action, or one of the register's other events. */
export function eventLabel<S extends string, A extends string>(
  workflow: CaseWorkflow<S, A>,
  action: string,
): string {
  if (isCaseAction(workflow, action)) return workflow.actionLabels[action];
  return workflow.eventLabels[action] ?? action;
}
