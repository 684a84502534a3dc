import { Badge } from "@mantine/core";
import { vi } from "../i18n/vi.ts";

export function ActiveBadge({ isActive }: { isActive: boolean }) {
  return (
    <Badge color={isActive ? "green" : "gray"} variant="light">
      {isActive ? vi.common.active : vi.common.inactive}
    </Badge>
  );
}
