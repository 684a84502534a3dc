/** Retention settings from the environment (the periods are inferred, see src/core/personal-data). */
import {
  DEFAULT_RETENTION,
  MAX_RETENTION_YEARS,
  type RetentionPolicy,
} from "../../../core/personal-data/index.ts";
import { AppError } from "../../errors.ts";

export interface RetentionConfig {
  /** Run the retention job every this many hours (CCHC_RETENTION_EVERY_HOURS, default 24); 0: off. */
  everyHours: number;
  policy: RetentionPolicy;
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max)
    throw new AppError("CONFIG_RETENTION_INVALID", {
      params: { name, value: raw, range: `từ ${min} đến ${max}` },
    });
  return value;
}

/** Refuses a bad value at start (`CONFIG_RETENTION_INVALID`) instead of keeping data forever. */
export function retentionConfig(env: NodeJS.ProcessEnv = process.env): RetentionConfig {
  return {
    everyHours: integer(env, "CCHC_RETENTION_EVERY_HOURS", 24, 0, 24 * 366),
    policy: {
      dossierYears: integer(
        env,
        "CCHC_RETENTION_DOSSIER_YEARS",
        DEFAULT_RETENTION.dossierYears,
        1,
        MAX_RETENTION_YEARS,
      ),
      feedbackYears: integer(
        env,
        "CCHC_RETENTION_FEEDBACK_YEARS",
        DEFAULT_RETENTION.feedbackYears,
        1,
        MAX_RETENTION_YEARS,
      ),
    },
  };
}
