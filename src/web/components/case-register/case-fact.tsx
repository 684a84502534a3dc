import { Text } from "@mantine/core";
import type { ReactNode } from "react";

/** One labelled fact of a case (detail pages, public look-ups). */
export function CaseFact({
  label,
  children,
  preWrap = false,
}: {
  label: string;
  children: ReactNode;
  /** Keep the line breaks of a long text (content, answer). */
  preWrap?: boolean;
}) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} style={preWrap ? { whiteSpace: "pre-wrap" } : undefined}>
        {children}
      </Text>
    </div>
  );
}
