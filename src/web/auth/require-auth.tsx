import { Navigate, Outlet, useLocation } from "react-router";
import { FullPageLoader } from "../components/full-page-loader.tsx";
import { QueryError } from "../components/query-error.tsx";
import { paths } from "../components/navigation.ts";
import { useSession } from "./session.ts";

/**
 * Routes below need a session; without one the user goes to the sign-in page and comes back.
 * A user who must first choose a new password (demo account, reset by an administrator) goes to
 * the change page, and comes back after it.
 */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError)
    return <QueryError error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    const next = location.pathname + location.search;
    const target = next === "/" ? "/dang-nhap" : `/dang-nhap?tiep=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  if (session.data.mustChangePassword && location.pathname !== paths.changePassword) {
    const next = location.pathname + location.search;
    const target =
      next === "/"
        ? paths.changePassword
        : `${paths.changePassword}?tiep=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}
