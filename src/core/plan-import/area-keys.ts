/** Maps an area heading, whatever its wording, to one of the eight standard area keys. */
import type { AreaKey } from "./contract.ts";
import { searchKey } from "./text-utils.ts";

const RULES: { key: AreaKey; pattern: RegExp }[] = [
  { key: "procedures", pattern: /thu tuc hanh chinh|\btthc\b|mot cua/ },
  { key: "organization", pattern: /to chuc bo may|bo may hanh chinh|sap xep to chuc/ },
  { key: "civil_service", pattern: /che do cong vu|cong vu|doi ngu can bo|can bo, cong chuc/ },
  { key: "public_finance", pattern: /tai chinh cong|tai chinh - ngan sach|ngan sach/ },
  {
    key: "digital_government",
    pattern:
      /chinh quyen dien tu|chinh quyen so|hien dai hoa|chuyen doi so|chinh phu dien tu|chinh phu so/,
  },
  { key: "institutions", pattern: /the che|van ban quy pham/ },
  { key: "direction", pattern: /chi dao|dieu hanh|lanh dao/ },
  { key: "impact", pattern: /tac dong|phat trien kinh te|nguoi dan, to chuc|do luong/ },
];

export function mapAreaKey(heading: string): AreaKey | null {
  const key = searchKey(heading);
  for (const rule of RULES) if (rule.pattern.test(key)) return rule.key;
  return null;
}
