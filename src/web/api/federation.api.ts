import type { z } from "zod";
import type {
  childView,
  identityView,
  parentView,
  sentStatusView,
  sentView,
} from "../../server/routes/federation.schemas.ts";
import { requestData } from "./client.ts";

/** The server's response schemas are the contract: the web's types come from them. */
export type FederationIdentity = z.infer<typeof identityView>;
export type FederationChild = z.infer<typeof childView>;
export type FederationParent = z.infer<typeof parentView>;
export type SentStatus = z.infer<typeof sentStatusView>;
export type SentVersion = z.infer<typeof sentView>;

export const getIdentity = () => requestData<FederationIdentity>("/api/federation/identity");
export const getChildren = () => requestData<FederationChild[]>("/api/federation/children");
export const getParent = () => requestData<FederationParent | null>("/api/federation/parent");

export const registerChild = (body: {
  instanceId: string;
  name: string;
  publicKey: string;
  unitId: string;
}) => requestData<FederationChild>("/api/federation/children", { method: "POST", body });

export const revokeChild = (id: string) =>
  requestData<FederationChild>(`/api/federation/children/${id}/revoke`, { method: "POST" });

export const setParent = (body: { url: string; instanceId: string; publicKey: string }) =>
  requestData<FederationParent>("/api/federation/parent", { method: "PUT", body });

export const getSentStatus = (reportId: string) =>
  requestData<SentStatus>(`/api/federation/reports/${reportId}/sent`);

export const sendToParent = (reportId: string) =>
  requestData<SentVersion>(`/api/federation/reports/${reportId}/send`, { method: "POST" });
