/**
 * A small SMTP client on node:net/node:tls, enough to send plain-text reminders: `smtp://` (with
 * STARTTLS when the server offers it), `smtps://` (TLS from the start), AUTH PLAIN when the URL
 * has a user, UTF-8 subject and body. The sender is the URL's `from` parameter, e.g.
 * `smtps://cchc%40example.gov.vn:secret@mail.example.gov.vn:465?from=cchc@example.gov.vn`.
 */
import net from "node:net";
import tls from "node:tls";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /** Accept self-signed certificates (`?insecure=true`), for a local relay only. */
  insecure: boolean;
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
  };
}

const encodeHeader = (text: string) =>
  /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString("base64")}?=`;

function messageData(from: string, message: MailMessage): string {
  const body = Buffer.from(message.text)
    .toString("base64")
    .replace(/.{1,76}/g, "$&\r\n");
  return [
    `From: CCHC <${from}>`,
    `To: <${message.to}>`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    body,
  ].join("\r\n");
}

/** Reads SMTP replies (multi-line "250-…" then "250 …") one at a time. */
class ReplyReader {
  private buffer = "";
  private waiting: ((reply: { code: number; text: string }) => void) | null = null;
  private failed: ((error: Error) => void) | null = null;
  private error: Error | null = null;

  attach(socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      this.flush();
    });
    socket.on("error", (error) => this.fail(error));
    socket.on("close", () => this.fail(new Error("SMTP connection closed")));
  }

  private fail(error: Error) {
    this.error ??= error;
    this.failed?.(error);
    this.waiting = null;
    this.failed = null;
  }

  private flush() {
    if (!this.waiting) return;
    const lines = this.buffer.split("\r\n");
    for (let i = 0; i < lines.length - 1; i++) {
      if (/^\d{3} /.test(lines[i]!)) {
        const text = lines.slice(0, i + 1).join("\n");
        this.buffer = lines.slice(i + 1).join("\r\n");
        const resolve = this.waiting;
        this.waiting = null;
        this.failed = null;
        resolve({ code: Number(lines[i]!.slice(0, 3)), text });
        return;
      }
    }
  }

  next(): Promise<{ code: number; text: string }> {
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
      this.flush();
    });
  }
}

function connect(settings: SmtpSettings, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = settings.secure
      ? tls.connect({
          host: settings.host,
          port: settings.port,
          servername: settings.host,
          rejectUnauthorized: !settings.insecure,
        })
      : net.connect({ host: settings.host, port: settings.port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error("SMTP timeout")));
    socket.once(settings.secure ? "secureConnect" : "connect", () => resolve(socket));
    socket.once("error", reject);
  });
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
  let socket = await connect(settings, options.timeoutMs ?? 20_000);
  let reader = new ReplyReader();
  reader.attach(socket);
  const command = async (line: string | null, expected: number[]) => {
    if (line !== null) socket.write(`${line}\r\n`);
    const reply = await reader.next();
    if (!expected.includes(reply.code)) {
      throw new Error(`SMTP ${line?.split(" ")[0] ?? "greeting"}: ${reply.text}`);
    }
    return reply;
  };
  let sent = 0;
  try {
    await command(null, [220]);
    let hello = await command("EHLO cchc.local", [250]);
    if (!settings.secure && /STARTTLS/i.test(hello.text)) {
      await command("STARTTLS", [220]);
      socket.removeAllListeners("data");
      socket = tls.connect({
        socket,
        servername: settings.host,
        rejectUnauthorized: !settings.insecure,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once("secureConnect", () => resolve());
        socket.once("error", reject);
      });
      reader = new ReplyReader();
      reader.attach(socket);
      hello = await command("EHLO cchc.local", [250]);
    }
    if (settings.user) {
      const token = Buffer.from(`\0${settings.user}\0${settings.password ?? ""}`).toString(
        "base64",
      );
      await command(`AUTH PLAIN ${token}`, [235]);
    }
    for (const [index, message] of messages.entries()) {
      await command(`MAIL FROM:<${settings.from}>`, [250]);
      await command(`RCPT TO:<${message.to}>`, [250, 251]);
      await command("DATA", [354]);
      const data = messageData(settings.from, message).replace(/\r\n\./g, "\r\n..");
      await command(`${data}\r\n.`, [250]);
      sent++;
      options.onSent?.(index);
    }
    await command("QUIT", [221]).catch(() => undefined);
  } finally {
    socket.end();
  }
  return sent;
}
