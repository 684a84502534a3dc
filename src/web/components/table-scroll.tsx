import type { ReactNode } from "react";

/**
 * A horizontally scrollable region around a wide table. It is focusable and named so that
 * keyboard users can scroll it too (Mantine's Table.ScrollContainer is not).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="cchc-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
