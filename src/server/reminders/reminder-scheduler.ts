/**
 * The background scheduler: runs the reminders once at start and then every N minutes. Runs
 * never overlap; `stop()` waits for a run in progress. State lives in the database (the
 * notifications and their unique dedupe key), so a restart simply runs again.
 */
import type { Executor } from "../db/database.ts";
import type { ReminderConfig } from "./reminder-config.ts";
import { runReminders } from "./reminder.service.ts";

export interface ReminderLogger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface ReminderScheduler {
  /** Runs now unless a run is in progress (then waits for it). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startReminderScheduler(
  db: Executor,
  config: ReminderConfig,
  log: ReminderLogger,
  clock: { today?: () => string } = {},
): ReminderScheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped) return Promise.resolve();
    running ??= runReminders(db, {
      daysBefore: config.daysBefore,
      today: clock.today?.(),
      smtpUrl: config.smtpUrl,
      baseUrl: config.publicUrl,
    })
      .then((result) => {
        if (result.created > 0 || result.emailed)
          log.info(result, "reminders: notifications created");
      })
      .catch((error: unknown) => log.error({ err: error }, "reminders: run failed"))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer =
    config.intervalMinutes > 0
      ? setInterval(() => void run(), config.intervalMinutes * 60_000)
      : null;
  timer?.unref();
  const first = config.intervalMinutes > 0 ? setTimeout(() => void run(), 0) : null;
  first?.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
      await running;
    },
  };
}
