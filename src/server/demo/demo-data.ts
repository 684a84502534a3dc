import type { Role } from "../../core/access/role-policy.ts";
import type { CommuneKind, UnitLevel } from "../../core/organization/unit-rules.ts";
import type { AgencyKind } from "../services/agency.service.ts";

/**
 * Demo organisation: one province after the July 2025 reform, a former district kept as history,
 * and a ward created by merging two older wards (kept inactive with their end dates).
 * Names follow real places; codes and people are illustrative.
 */
export const DEMO_PASSWORD = "cchc-demo-2026";

export interface DemoUnit {
  code: string;
  name: string;
  level: UnitLevel;
  kind: CommuneKind | null;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  mergedIntoCode: string | null;
}

export const DEMO_UNITS: DemoUnit[] = [
  {
    code: "22",
    name: "Tỉnh Quảng Ninh",
    level: "province",
    kind: null,
    parentCode: null,
    validFrom: null,
    validTo: null,
    mergedIntoCode: null,
  },
  {
    code: "193",
    name: "Thành phố Hạ Long",
    level: "district",
    kind: null,
    parentCode: "22",
    validFrom: null,
    validTo: "2025-06-30",
    mergedIntoCode: null,
  },
  {
    code: "06658",
    name: "Phường Bãi Cháy",
    level: "commune",
    kind: "phuong",
    parentCode: "22",
    validFrom: "2025-07-01",
    validTo: null,
    mergedIntoCode: null,
  },
  {
    code: "06658-2019",
    name: "Phường Bãi Cháy (trước sáp nhập)",
    level: "commune",
    kind: "phuong",
    parentCode: "193",
    validFrom: null,
    validTo: "2025-06-30",
    mergedIntoCode: "06658",
  },
  {
    code: "06661",
    name: "Phường Hùng Thắng",
    level: "commune",
    kind: "phuong",
    parentCode: "193",
    validFrom: null,
    validTo: "2025-06-30",
    mergedIntoCode: "06658",
  },
  {
    code: "06700",
    name: "Phường Hà Tu",
    level: "commune",
    kind: "phuong",
    parentCode: "22",
    validFrom: "2025-07-01",
    validTo: null,
    mergedIntoCode: null,
  },
  {
    code: "07192",
    name: "Xã Hòa Phong",
    level: "commune",
    kind: "xa",
    parentCode: "22",
    validFrom: "2025-07-01",
    validTo: null,
    mergedIntoCode: null,
  },
  {
    code: "07090",
    name: "Đặc khu Vân Đồn",
    level: "commune",
    kind: "dac_khu",
    parentCode: "22",
    validFrom: "2025-07-01",
    validTo: null,
    mergedIntoCode: null,
  },
];

export const COMMUNE_AGENCIES: { name: string; kind: AgencyKind }[] = [
  { name: "Văn phòng HĐND và UBND", kind: "office" },
  { name: "Tư pháp - Hộ tịch", kind: "department" },
  { name: "Địa chính - Xây dựng", kind: "department" },
  { name: "Văn hóa - Xã hội", kind: "department" },
  { name: "Tài chính - Kế toán", kind: "department" },
  { name: "Trung tâm Phục vụ hành chính công", kind: "one_stop" },
];

export const PROVINCE_AGENCIES: { name: string; kind: AgencyKind }[] = [
  { name: "Văn phòng UBND tỉnh", kind: "office" },
  { name: "Sở Nội vụ", kind: "department" },
  { name: "Trung tâm Phục vụ hành chính công tỉnh", kind: "one_stop" },
];

export interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  unitCode: string;
  agencyName: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: "admin",
    fullName: "Quản trị hệ thống",
    role: "admin",
    unitCode: "22",
    agencyName: "Văn phòng UBND tỉnh",
  },
  {
    username: "sonoivu",
    fullName: "Trần Thị Thanh Hà",
    role: "reviewer",
    unitCode: "22",
    agencyName: "Sở Nội vụ",
  },
  {
    username: "lanhdao",
    fullName: "Nguyễn Văn Hòa",
    role: "leader",
    unitCode: "06658",
    agencyName: null,
  },
  {
    username: "daumoi",
    fullName: "Lê Thị Thủy",
    role: "focal_officer",
    unitCode: "06658",
    agencyName: "Văn phòng HĐND và UBND",
  },
  {
    username: "tuphap",
    fullName: "Phạm Minh Đức",
    role: "agency_officer",
    unitCode: "06658",
    agencyName: "Tư pháp - Hộ tịch",
  },
  {
    username: "motcua",
    fullName: "Đỗ Thu Trang",
    role: "clerk",
    unitCode: "06658",
    agencyName: "Trung tâm Phục vụ hành chính công",
  },
  {
    username: "xem",
    fullName: "Vũ Quốc Khánh",
    role: "viewer",
    unitCode: "06658",
    agencyName: null,
  },
];
