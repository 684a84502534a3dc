import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, units, updatedAt, users } from "./schema.ts";
import { reports } from "./schema-report.ts";

/*
 * Federation between CCHC instances: a child instance (a ward or province running its own CCHC)
 * sends each submitted version of its reports, signed, to its parent's instance.
 *
 * Decisions:
 * - One identity per installation (a single row): an instance id and an Ed25519 key pair; the
 *   private key is stored encrypted with CCHC_FEDERATION_SECRET, never in clear.
 * - The parent registers each child by its instance id and public key (exchanged out of band by
 *   the two administrators) and the unit it stands for; revoking keeps the row (and what was
 *   received) but refuses what it sends afterwards.
 * - One parent per installation (a single row): its address and public key.
 * - `federation_sent`: one row per submitted report version sent up, with its delivery status
 *   (the job runner's attempts), shown on the report page.
 * - `federation_received`: one row per (child, child's report, version) received: the parent's
 *   report and version it became, so a retry of the same snapshot is answered without a second
 *   version, and a replay of another content under a received version is refused.
 */

export const federationIdentity = pgTable(
  "federation_identity",
  {
    /** Always 1: one identity per installation. */
    id: integer("id").primaryKey().default(1),
    instanceId: uuid("instance_id").notNull().defaultRandom(),
    /** Base64 of the public key (SPKI DER). */
    publicKey: text("public_key").notNull(),
    /** The private key (PKCS#8 DER) encrypted with AES-256-GCM under CCHC_FEDERATION_SECRET. */
    privateKeyEncrypted: text("private_key_encrypted").notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("federation_identity_single_check", sql`${t.id} = 1`)],
);

export const federationChildren = pgTable(
  "federation_children",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    instanceId: uuid("instance_id").notNull(),
    name: text("name").notNull(),
    publicKey: text("public_key").notNull(),
    /** The unit (of this installation) the child instance stands for. */
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedById: uuid("revoked_by_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("federation_children_instance_key").on(t.instanceId),
    index("federation_children_unit_idx").on(t.unitId),
  ],
);

export const federationParent = pgTable(
  "federation_parent",
  {
    /** Always 1: one parent per installation. */
    id: integer("id").primaryKey().default(1),
    url: text("url").notNull(),
    instanceId: uuid("instance_id").notNull(),
    publicKey: text("public_key").notNull(),
    updatedById: uuid("updated_by_id").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [check("federation_parent_single_check", sql`${t.id} = 1`)],
);

export const federationSent = pgTable(
  "federation_sent",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    version: integer("version").notNull(),
    /** queued (waiting or retrying), sent (the parent stored it), failed (out of attempts). */
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    parentUrl: text("parent_url").notNull(),
    jobId: uuid("job_id"),
    queuedById: uuid("queued_by_id").references(() => users.id),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.version] }),
    check("federation_sent_status_check", sql`${t.status} in ('queued', 'sent', 'failed')`),
  ],
);

export const federationReceived = pgTable(
  "federation_received",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    childId: uuid("child_id")
      .notNull()
      .references(() => federationChildren.id),
    remoteReportId: uuid("remote_report_id").notNull(),
    remoteVersion: integer("remote_version").notNull(),
    /** SHA-256 of the snapshot's content (the envelope without its signing time). */
    contentDigest: text("content_digest").notNull(),
    signature: text("signature").notNull(),
    /** The report and version of this installation the snapshot became. */
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    version: integer("version").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("federation_received_snapshot_key").on(
      t.childId,
      t.remoteReportId,
      t.remoteVersion,
    ),
    index("federation_received_report_idx").on(t.reportId),
  ],
);
