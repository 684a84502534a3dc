import { createBrowserRouter, Navigate } from "react-router";
import { RequireAuth } from "./auth/require-auth.tsx";
import { RequirePermission } from "./auth/require-permission.tsx";
import { AppLayout } from "./components/app-layout.tsx";
import { paths } from "./components/navigation.ts";
import { dashboardPaths } from "./pages/dashboard/dashboard-paths.ts";
import { dossierImportPath } from "./pages/one-stop/import/dossier-import-paths.ts";
import { oneStopPaths } from "./pages/one-stop/one-stop-paths.ts";
import { feedbackPaths } from "./pages/feedback/feedback-paths.ts";
import { methodologyPaths } from "./pages/methodology/methodology-paths.ts";
import { scorecardPaths } from "./pages/scorecards/scorecard-paths.ts";
import { sipasPaths } from "./pages/sipas/sipas-paths.ts";
import { deskSettingsPath } from "./pages/one-stop/settings/settings-paths.ts";
import { planPaths } from "./pages/plans/plan-paths.ts";
import { ChangePasswordPage } from "./pages/auth/change-password.page.tsx";
import { SignInPage } from "./pages/auth/sign-in.page.tsx";
import { NotFoundPage } from "./pages/errors/not-found.page.tsx";
import { HomePage } from "./pages/home/home.page.tsx";
import { FullPageLoader } from "./components/full-page-loader.tsx";

// The administration pages load on demand: most users never open them. While a page's code loads
// on the first visit the full-page loader shows (React Router warns without a HydrateFallback).
export const router = createBrowserRouter([
  { path: paths.signIn, element: <SignInPage />, hydrateFallbackElement: <FullPageLoader /> },
  // Public, no login: a citizen follows a dossier.
  {
    path: oneStopPaths.lookup,
    hydrateFallbackElement: <FullPageLoader />,
    lazy: async () => ({
      Component: (await import("./pages/one-stop/public-lookup.page.tsx")).PublicLookupPage,
    }),
  },
  // Public, no login: a citizen sends feedback and reads the published answers.
  {
    path: feedbackPaths.publicSubmit,
    hydrateFallbackElement: <FullPageLoader />,
    lazy: async () => ({
      Component: (await import("./pages/feedback/public-feedback-submit.page.tsx"))
        .PublicFeedbackSubmitPage,
    }),
  },
  {
    path: feedbackPaths.publicAnswers,
    hydrateFallbackElement: <FullPageLoader />,
    lazy: async () => ({
      Component: (await import("./pages/feedback/public-feedback-answers.page.tsx"))
        .PublicFeedbackAnswersPage,
    }),
  },
  // Public, no login: a citizen answers the satisfaction survey on a phone or at the desk's kiosk.
  {
    path: sipasPaths.publicPattern,
    hydrateFallbackElement: <FullPageLoader />,
    lazy: async () => ({
      Component: (await import("./pages/sipas/public-survey.page.tsx")).PublicSurveyPage,
    }),
  },
  {
    path: sipasPaths.kioskPattern,
    hydrateFallbackElement: <FullPageLoader />,
    lazy: async () => ({
      Component: (await import("./pages/sipas/kiosk.page.tsx")).KioskPage,
    }),
  },
  {
    element: <RequireAuth />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      // Outside the layout: while a new password is required, nothing else may load.
      { path: paths.changePassword, element: <ChangePasswordPage /> },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: dashboardPaths.unit,
            lazy: async () => ({
              Component: (await import("./pages/dashboard/dashboard.page.tsx")).DashboardPage,
            }),
          },
          {
            path: dashboardPaths.units,
            lazy: async () => ({
              Component: (await import("./pages/dashboard/units.page.tsx")).UnitsDashboardPage,
            }),
          },
          {
            path: dashboardPaths.dossiers,
            lazy: async () => ({
              Component: (await import("./pages/dashboard/dossiers.page.tsx")).KpiDossiersPage,
            }),
          },
          {
            path: paths.plans,
            lazy: async () => ({
              Component: (await import("./pages/plans/plans.page.tsx")).PlansPage,
            }),
          },
          {
            path: planPaths.create,
            lazy: async () => ({
              Component: (await import("./pages/plans/plan-create.page.tsx")).PlanCreatePage,
            }),
          },
          {
            path: "/ke-hoach/nhap",
            lazy: async () => ({
              Component: (await import("./pages/plan-import/plan-import.page.tsx")).PlanImportPage,
            }),
          },
          {
            path: planPaths.detailPattern,
            lazy: async () => ({
              Component: (await import("./pages/plans/plan-detail.page.tsx")).PlanDetailPage,
            }),
          },
          {
            path: paths.tasks,
            lazy: async () => ({
              Component: (await import("./pages/tasks/tasks.page.tsx")).TasksPage,
            }),
          },
          {
            path: paths.oneStop,
            lazy: async () => ({
              Component: (await import("./pages/one-stop/dossier-register.page.tsx"))
                .DossierRegisterPage,
            }),
          },
          {
            path: dossierImportPath,
            lazy: async () => ({
              Component: (await import("./pages/one-stop/import/dossier-import.page.tsx"))
                .DossierImportPage,
            }),
          },
          {
            path: oneStopPaths.dossierPattern,
            lazy: async () => ({
              Component: (await import("./pages/one-stop/dossier-detail.page.tsx"))
                .DossierDetailPage,
            }),
          },
          {
            path: oneStopPaths.procedures,
            lazy: async () => ({
              Component: (await import("./pages/one-stop/procedures.page.tsx")).ProceduresPage,
            }),
          },
          {
            path: feedbackPaths.register,
            lazy: async () => ({
              Component: (await import("./pages/feedback/feedback-register.page.tsx"))
                .FeedbackRegisterPage,
            }),
          },
          {
            path: feedbackPaths.detailPattern,
            lazy: async () => ({
              Component: (await import("./pages/feedback/feedback-detail.page.tsx"))
                .FeedbackDetailPage,
            }),
          },
          {
            path: sipasPaths.surveys,
            lazy: async () => ({
              Component: (await import("./pages/sipas/surveys.page.tsx")).SurveysPage,
            }),
          },
          {
            path: sipasPaths.paper,
            lazy: async () => ({
              Component: (await import("./pages/sipas/paper-entry.page.tsx")).PaperEntryPage,
            }),
          },
          {
            path: sipasPaths.qr,
            lazy: async () => ({
              Component: (await import("./pages/sipas/qr-codes.page.tsx")).QrCodesPage,
            }),
          },
          {
            path: paths.indices,
            lazy: async () => ({
              Component: (await import("./pages/methodology/indices.page.tsx")).IndicesPage,
            }),
          },
          {
            path: methodologyPaths.detailPattern,
            lazy: async () => ({
              Component: (await import("./pages/methodology/methodology-detail.page.tsx"))
                .MethodologyDetailPage,
            }),
          },
          {
            path: scorecardPaths.detailPattern,
            lazy: async () => ({
              Component: (await import("./pages/scorecards/scorecard-detail.page.tsx"))
                .ScorecardDetailPage,
            }),
          },
          {
            path: scorecardPaths.rankingPattern,
            lazy: async () => ({
              Component: (await import("./pages/scorecards/ranking.page.tsx")).ScorecardRankingPage,
            }),
          },
          {
            path: paths.reports,
            lazy: async () => ({
              Component: (await import("./pages/reports/reports.page.tsx")).ReportsPage,
            }),
          },
          {
            path: "/bao-cao/:id",
            lazy: async () => ({
              Component: (await import("./pages/reports/report-detail.page.tsx")).ReportDetailPage,
            }),
          },
          {
            path: paths.admin,
            element: <RequirePermission permission="admin" />,
            children: [
              { index: true, element: <Navigate to={paths.adminUnits} replace /> },
              {
                path: paths.adminUnits,
                lazy: async () => ({
                  Component: (await import("./pages/admin/units/units.page.tsx")).UnitsPage,
                }),
              },
              {
                path: paths.adminAgencies,
                lazy: async () => ({
                  Component: (await import("./pages/admin/agencies/agencies.page.tsx"))
                    .AgenciesPage,
                }),
              },
              {
                path: paths.adminUsers,
                lazy: async () => ({
                  Component: (await import("./pages/admin/users/users.page.tsx")).UsersPage,
                }),
              },
              {
                path: deskSettingsPath,
                lazy: async () => ({
                  Component: (await import("./pages/one-stop/settings/desk-settings.page.tsx"))
                    .DeskSettingsPage,
                }),
              },
              {
                path: paths.adminBackups,
                lazy: async () => ({
                  Component: (await import("./pages/admin/backups/backups.page.tsx")).BackupsPage,
                }),
              },
              {
                path: paths.adminPersonalData,
                lazy: async () => ({
                  Component: (await import("./pages/admin/personal-data/personal-data.page.tsx"))
                    .PersonalDataPage,
                }),
              },
              {
                path: paths.adminFederation,
                lazy: async () => ({
                  Component: (await import("./pages/admin/federation/federation.page.tsx"))
                    .FederationPage,
                }),
              },
              {
                element: <RequirePermission permission="viewAudit" />,
                children: [
                  {
                    path: paths.adminAudit,
                    lazy: async () => ({
                      Component: (await import("./pages/admin/audit/audit.page.tsx")).AuditPage,
                    }),
                  },
                ],
              },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
