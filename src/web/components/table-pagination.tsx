import { Group, Pagination, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { vi } from "../i18n/vi.ts";

/** Client-side paging of an already loaded list. */
export function usePaged<T>(rows: T[], pageSize = 50) {
  const [page, setPage] = useState(1);
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  useEffect(() => {
    if (page > pageCount) setPage(pageCount);
  }, [page, pageCount]);
  const current = Math.min(page, pageCount);
  return {
    page: current,
    setPage,
    pageCount,
    total: rows.length,
    rows: rows.slice((current - 1) * pageSize, current * pageSize),
  };
}

export function TablePagination({
  page,
  pageCount,
  total,
  setPage,
}: {
  page: number;
  pageCount: number;
  total: number;
  setPage: (page: number) => void;
}) {
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">
        {vi.common.rowCount(total)}
      </Text>
      {pageCount > 1 && (
        <nav aria-label={vi.pagination.label}>
          <Pagination total={pageCount} value={page} onChange={setPage} size="sm" />
        </nav>
      )}
    </Group>
  );
}
