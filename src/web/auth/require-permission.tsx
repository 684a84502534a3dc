import { Outlet } from "react-router";
import { ForbiddenPage } from "../pages/errors/forbidden.page.tsx";
import { useMe } from "./session.ts";

/** Shows the page only when the server said the user may (`me.can`). */
export function RequirePermission({ permission }: { permission: "admin" | "viewAudit" }) {
  const me = useMe();
  return me.can[permission] ? <Outlet /> : <ForbiddenPage />;
}
