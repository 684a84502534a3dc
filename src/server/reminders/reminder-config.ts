/** Reminder settings from the environment. */
export interface ReminderConfig {
  /** Remind this many days before a due date (CCHC_REMINDER_DAYS, default 3). */
  daysBefore: number;
  /** Run every this many minutes (CCHC_REMINDER_INTERVAL_MINUTES, default 60); 0 turns it off. */
  intervalMinutes: number;
  /** SMTP server for e-mail copies (CCHC_SMTP_URL); none: in-app notifications only. */
  smtpUrl: string | null;
  /** Public address of the web app for links in e-mails (CCHC_PUBLIC_URL). */
  publicUrl: string | null;
}

function nonNegativeInteger(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

export function reminderConfig(env: NodeJS.ProcessEnv = process.env): ReminderConfig {
  return {
    daysBefore: nonNegativeInteger(env.CCHC_REMINDER_DAYS, 3),
    intervalMinutes: nonNegativeInteger(env.CCHC_REMINDER_INTERVAL_MINUTES, 60),
    smtpUrl: env.CCHC_SMTP_URL?.trim() || null,
    publicUrl: env.CCHC_PUBLIC_URL?.trim() || null,
  };
}
