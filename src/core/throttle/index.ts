export {
  PUBLIC_LOOKUP_POLICY,
  SIGN_IN_ACCOUNT_POLICY,
  SIGN_IN_ADDRESS_POLICY,
  decideAttempt,
  formatWait,
  leakedScore,
  maxScore,
  waitAfterScore,
  type ThrottleDecision,
  type ThrottlePolicy,
  type ThrottleState,
} from "./attempt-throttle.ts";
