import { z } from "zod";
import { nonEmptyText } from "./common.schemas.ts";

const instanceId = z.uuid({ error: "Mã định danh hệ thống không hợp lệ (dạng UUID)." });
const publicKey = z
  .string()
  .trim()
  .min(40, { error: "Khóa công khai không hợp lệ." })
  .max(400, { error: "Khóa công khai không hợp lệ." });

export const identityView = z.object({
  enabled: z.boolean(),
  /** Why federation is off (the missing secret), in Vietnamese; null when on. */
  reason: z.string().nullable(),
  instanceId: z.string().nullable(),
  publicKey: z.string().nullable(),
  createdAt: z.string().nullable(),
});

export const childInput = z.object({
  instanceId,
  name: nonEmptyText(300),
  publicKey,
  unitId: z.uuid({ error: "Mã định danh không hợp lệ." }),
});

export const childView = z.object({
  id: z.string(),
  instanceId: z.string(),
  name: z.string(),
  publicKey: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const parentInput = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "Địa chỉ phải có dạng http(s)://máy-chủ[:cổng]." })
    .max(500, { error: "Tối đa 500 ký tự." }),
  instanceId,
  publicKey,
});

export const parentView = z.object({
  url: z.string(),
  instanceId: z.string(),
  publicKey: z.string(),
  updatedAt: z.string(),
});

export const sentView = z.object({
  version: z.number(),
  status: z.enum(["queued", "sent", "failed"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  parentUrl: z.string(),
  queuedAt: z.string(),
  sentAt: z.string().nullable(),
});

export const sentStatusView = z.object({
  parentUrl: z.string().nullable(),
  /** Why sending is not possible now (federation off, no parent), in Vietnamese. */
  unavailableReason: z.string().nullable(),
  version: z.number(),
  canSend: z.boolean(),
  sent: z.array(sentView),
});

/** The inbox's body: the envelope is checked by the core (checkEnvelope), not here. */
export const snapshotInput = z.object({
  envelope: z.record(z.string(), z.json()),
  signature: z.string().min(1).max(200),
});

export const snapshotReceipt = z.object({
  status: z.enum(["stored", "duplicate"]),
  reportId: z.string(),
  version: z.number(),
  /** The parent's signature over the receipt, checked by the child with the parent's key. */
  receipt: z.string(),
});
