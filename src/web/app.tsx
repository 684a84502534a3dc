import { MantineProvider } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { ApiError } from "./api/client.ts";
import { queryKeys } from "./api/query-keys.ts";
import "./i18n/format.ts";
import { router } from "./router.tsx";
import { cssVariablesResolver, theme } from "./theme/theme.ts";

/**
 * A session that ended (expired, signed out elsewhere) sends the user back to the sign-in page;
 * a stale CSRF token is refreshed from `/api/auth/me` so the next attempt succeeds; a session that
 * must first change its password reloads `me`, whose flag sends the user to the change page.
 */
function onApiError(error: unknown): void {
  if (!(error instanceof ApiError)) return;
  if (error.code === "AUTH_REQUIRED") queryClient.setQueryData(queryKeys.me, null);
  if (error.code === "CSRF_INVALID" || error.code === "PASSWORD_CHANGE_REQUIRED") {
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (401, 403, 404, validation) will not fix themselves by retrying.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) &&
        failureCount < 2,
    },
  },
});

export function App() {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <DatesProvider settings={{ locale: "vi", firstDayOfWeek: 1, weekendDays: [0, 6] }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
