import type { z } from "zod";
import type { homeView } from "../../../server/routes/home.routes.ts";
import { requestData } from "../../api/client.ts";

export type Home = z.infer<typeof homeView>["data"];
export type HomeSection = Home["sections"][number];
export type HomeItem = HomeSection["items"][number];

export const homeKeys = { home: ["home"] as const };

export function getHome(): Promise<Home> {
  return requestData<Home>("/api/home");
}
