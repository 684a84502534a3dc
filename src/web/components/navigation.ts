import {
  IconBuilding,
  IconBuildingCommunity,
  IconCalendarCog,
  IconChartBar,
  IconChecklist,
  IconClipboardList,
  IconDatabaseExport,
  IconFileReport,
  IconGauge,
  IconHome,
  IconListDetails,
  IconMessageReport,
  IconMoodSmile,
  IconPlugConnected,
  IconSettings,
  IconShieldLock,
  IconUsers,
  IconWindow,
  type Icon,
} from "@tabler/icons-react";
import type { Me } from "../api/types.ts";
import { vi } from "../i18n/vi.ts";
import { dashboardPaths } from "../pages/dashboard/dashboard-paths.ts";
import { deskSettingsPath } from "../pages/one-stop/settings/settings-paths.ts";

export interface NavItem {
  label: string;
  to: string;
  icon: Icon;
  children?: NavItem[];
}

/** URL slugs: Vietnamese without diacritics. */
export const paths = {
  home: "/",
  signIn: "/dang-nhap",
  changePassword: "/doi-mat-khau",
  plans: "/ke-hoach",
  tasks: "/nhiem-vu",
  oneStop: "/mot-cua",
  feedback: "/phan-anh-kien-nghi",
  surveys: "/khao-sat",
  indices: "/chi-so",
  reports: "/bao-cao",
  admin: "/quan-tri",
  adminUnits: "/quan-tri/don-vi",
  adminAgencies: "/quan-tri/co-quan",
  adminUsers: "/quan-tri/nguoi-dung",
  adminAudit: "/quan-tri/nhat-ky",
  adminBackups: "/quan-tri/sao-luu",
  adminPersonalData: "/quan-tri/du-lieu-ca-nhan",
  adminFederation: "/quan-tri/lien-thong",
} as const;

/** The whole product in the navbar; Quản trị only for those the server allows. */
export function navigationFor(me: Me): NavItem[] {
  const items: NavItem[] = [
    { label: vi.nav.home, to: paths.home, icon: IconHome },
    { label: "Bảng điều khiển", to: dashboardPaths.unit, icon: IconGauge },
    { label: vi.nav.plans, to: paths.plans, icon: IconClipboardList },
    { label: vi.nav.tasks, to: paths.tasks, icon: IconChecklist },
    { label: vi.nav.oneStop, to: paths.oneStop, icon: IconWindow },
    { label: vi.nav.feedback, to: paths.feedback, icon: IconMessageReport },
    { label: vi.nav.surveys, to: paths.surveys, icon: IconMoodSmile },
    { label: vi.nav.indices, to: paths.indices, icon: IconChartBar },
    { label: vi.nav.reports, to: paths.reports, icon: IconFileReport },
  ];
  if (me.can.admin) {
    const children: NavItem[] = [
      { label: vi.nav.adminUnits, to: paths.adminUnits, icon: IconBuildingCommunity },
      { label: vi.nav.adminAgencies, to: paths.adminAgencies, icon: IconBuilding },
      { label: vi.nav.adminUsers, to: paths.adminUsers, icon: IconUsers },
      { label: "Cấu hình Một cửa", to: deskSettingsPath, icon: IconCalendarCog },
    ];
    if (me.can.viewAudit) {
      children.push({ label: vi.nav.adminAudit, to: paths.adminAudit, icon: IconListDetails });
    }
    children.push({ label: "Sao lưu dữ liệu", to: paths.adminBackups, icon: IconDatabaseExport });
    children.push({ label: "Dữ liệu cá nhân", to: paths.adminPersonalData, icon: IconShieldLock });
    children.push({ label: "Liên thông", to: paths.adminFederation, icon: IconPlugConnected });
    items.push({ label: vi.nav.admin, to: paths.admin, icon: IconSettings, children });
  }
  return items;
}
