/**
 * The instance's federation keys: Ed25519 through node:crypto. The private key is kept in the
 * database encrypted with AES-256-GCM under a key derived (scrypt) from CCHC_FEDERATION_SECRET,
 * so a stolen backup does not let anyone sign in this instance's name; without the secret the
 * instance does not federate at all.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { AppError } from "../errors.ts";

/** The shortest secret accepted (a passphrase, not a PIN). */
export const MIN_SECRET_LENGTH = 16;

export interface FederationSettings {
  /** CCHC_FEDERATION_SECRET; federation stays off without it. */
  secret: string | null;
  /** The clock that judges an incoming snapshot's age (tests pass their own). */
  now?: () => Date;
  /** How long one delivery attempt may take (default 20 s). */
  sendTimeoutMs?: number;
}

/** Why federation is off, in Vietnamese for the admin page; null when it may be used. */
export function disabledReason(settings: FederationSettings | undefined): string | null {
  const secret = settings?.secret ?? null;
  if (!secret)
    return "Chưa bật liên thông: quản trị máy chủ cần đặt biến môi trường CCHC_FEDERATION_SECRET (chuỗi bí mật từ 16 ký tự) rồi khởi động lại CCHC.";
  if (secret.length < MIN_SECRET_LENGTH)
    return `Chưa bật liên thông: CCHC_FEDERATION_SECRET quá ngắn (cần từ ${MIN_SECRET_LENGTH} ký tự).`;
  return null;
}

export function requireEnabled(settings: FederationSettings | undefined): string {
  const reason = disabledReason(settings);
  if (reason) throw new AppError("FEDERATION_DISABLED", { params: { reason } });
  return settings!.secret!;
}

export interface KeyPair {
  /** Base64 of the SPKI DER. */
  publicKey: string;
  /** "v1.<salt>.<iv>.<tag>.<ciphertext>", each base64. */
  privateKeyEncrypted: string;
}

function derive(secret: string, salt: Buffer): Buffer {
  return scryptSync(secret, salt, 32, { N: 1 << 14, r: 8, p: 1 });
}

export function generateKeyPair(secret: string): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const der = privateKey.export({ format: "der", type: "pkcs8" });
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(secret, salt), iv);
  const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
  const parts = [salt, iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64"));
  return {
    publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
    privateKeyEncrypted: ["v1", ...parts].join("."),
  };
}

/** The private key, decrypted; a wrong secret (changed since the keys were made) is refused. */
export function openPrivateKey(encrypted: string, secret: string): KeyObject {
  const [version, ...parts] = encrypted.split(".");
  if (version !== "v1" || parts.length !== 4) throw new AppError("FEDERATION_SECRET_WRONG");
  const [salt, iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, "base64")) as [
    Buffer,
    Buffer,
    Buffer,
    Buffer,
  ];
  try {
    const decipher = createDecipheriv("aes-256-gcm", derive(secret, salt), iv);
    decipher.setAuthTag(tag);
    const der = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } catch {
    throw new AppError("FEDERATION_SECRET_WRONG");
  }
}

/** A public key as exchanged (base64 SPKI DER of an Ed25519 key), or null when it is not one. */
export function parsePublicKey(text: string): KeyObject | null {
  const compact = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+=*$/.test(compact) || compact.length > 200) return null;
  try {
    const key = createPublicKey({
      key: Buffer.from(compact, "base64"),
      format: "der",
      type: "spki",
    });
    return key.asymmetricKeyType === "ed25519" ? key : null;
  } catch {
    return null;
  }
}

/** The same key in its exchanged form (whitespace from copying removed). */
export function normalisePublicKey(text: string): string {
  return text.replace(/\s+/g, "");
}

export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, "utf8"), privateKey).toString("base64");
}

export function verifyText(publicKey: KeyObject, text: string, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]+=*$/.test(signature)) return false;
  const bytes = Buffer.from(signature, "base64");
  if (bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(text, "utf8"), publicKey, bytes);
  } catch {
    return false;
  }
}
