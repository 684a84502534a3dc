/**
 * E-mail through nodemailer, configured by one URL (CCHC_SMTP_URL): `smtp://` (STARTTLS when the
 * server offers it) or `smtps://` (TLS from the start); the user and password in the URL; the
 * sender as `?from=`. Credentials are never sent over an unencrypted connection: with a user on
 * `smtp://`, STARTTLS is required unless `?allow_plain_auth=true` says otherwise (a relay on the
 * same machine). `?insecure=true` accepts a self-signed certificate (a local relay only).
 */
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  insecure: boolean;
  allowPlainAuth: boolean;
}

export function parseSmtpUrl(url: string): SmtpSettings {
  const parsed = new URL(url);
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new Error("CCHC_SMTP_URL must start with smtp:// or smtps://");
  }
  const secure = parsed.protocol === "smtps:";
  const user = parsed.username ? decodeURIComponent(parsed.username) : null;
  const from = parsed.searchParams.get("from") ?? (user?.includes("@") ? user : null);
  if (!from) throw new Error("CCHC_SMTP_URL needs ?from=address (or a user that is an address)");
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    user,
    password: parsed.password ? decodeURIComponent(parsed.password) : null,
    from,
    insecure: parsed.searchParams.get("insecure") === "true",
    allowPlainAuth: parsed.searchParams.get("allow_plain_auth") === "true",
  };
}

export function transportOptions(settings: SmtpSettings, timeoutMs: number): SMTPTransport.Options {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && settings.user !== null && !settings.allowPlainAuth,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? "" } : undefined,
    tls: { rejectUnauthorized: !settings.insecure, servername: settings.host },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    name: "cchc.local",
  };
}

/**
 * Sends the messages over one connection, calling `onSent(index)` as the server accepts each;
 * throws on the first refusal or network error (the messages accepted before it stay sent).
 */
export async function sendMail(
  url: string,
  messages: MailMessage[],
  options: { timeoutMs?: number; onSent?: (index: number) => void } = {},
): Promise<number> {
  if (messages.length === 0) return 0;
  const settings = parseSmtpUrl(url);
  const transport = nodemailer.createTransport({
    ...transportOptions(settings, options.timeoutMs ?? 20_000),
    pool: true,
    maxConnections: 1,
  });
  let sent = 0;
  try {
    for (const [index, message] of messages.entries()) {
      await transport.sendMail({
        from: { name: "CCHC", address: settings.from },
        to: message.to,
        subject: message.subject,
        text: message.text,
        textEncoding: "base64",
      });
      sent++;
      options.onSent?.(index);
    }
  } finally {
    transport.close();
  }
  return sent;
}
