import { isIP } from "node:net";
import { AppError } from "./errors.ts";

/**
 * Which peers may tell the client's address in X-Forwarded-For (every per-address limit depends
 * on it): nobody (`false`), or the proxies at these addresses or CIDR ranges. Trusting every peer
 * is refused: anyone could then pick their address. A hop count is refused too: it cannot tell
 * the proxy from a client that reaches CCHC directly with a forged header (Fastify 5 ignores
 * numeric `trustProxy` for the same reason).
 */
export type TrustProxySetting = false | string[];

/** proxy-addr's names for address ranges, accepted by Fastify. */
const RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

const trustAllReason = (item: string) =>
  `“${item}” tin mọi máy gửi X-Forwarded-For, nên ai cũng tự chọn được địa chỉ của mình để vượt giới hạn số lần thử. ` +
  "Hãy ghi địa chỉ của reverse proxy (ví dụ 127.0.0.1 hoặc 127.0.0.1,10.0.0.0/8)";

const HOPS_REASON =
  "số lớp proxy không phân biệt được proxy với máy kết nối thẳng tới CCHC và tự ghi X-Forwarded-For. " +
  "Hãy ghi địa chỉ của reverse proxy (ví dụ 127.0.0.1 hoặc 10.0.0.0/8)";

function invalid(value: string, reason: string): AppError {
  return new AppError("CONFIG_TRUST_PROXY_INVALID", { params: { value, reason } });
}

function isAddressOrRange(item: string): boolean {
  if (RANGE_NAMES.has(item)) return true;
  const [address, prefix, extra] = item.split("/");
  const family = isIP(address ?? "");
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  return bits >= 1 && bits <= (family === 4 ? 32 : 128);
}

/** Reads CCHC_TRUST_PROXY: unset or `false`, or a comma-separated list of addresses/ranges. */
export function parseTrustProxy(raw: string | undefined): TrustProxySetting {
  const value = (raw ?? "").trim();
  if (value === "" || value.toLowerCase() === "false" || value === "0") return false;
  if (value.toLowerCase() === "true") throw invalid(value, trustAllReason(value));
  if (/^\d+$/.test(value)) throw invalid(value, HOPS_REASON);
  const items = value.split(",").map((item) => item.trim().toLowerCase());
  for (const item of items) {
    if (item.endsWith("/0")) throw invalid(value, trustAllReason(item));
    if (!isAddressOrRange(item)) {
      throw invalid(
        value,
        `“${item}” không phải địa chỉ IP, dải CIDR (ví dụ 10.0.0.0/8) hay một trong loopback, linklocal, uniquelocal`,
      );
    }
  }
  return items;
}
