import { Button, Group, Paper, Table, Text, VisuallyHidden } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from "react";
import { TableScroll } from "./table-scroll.tsx";

/** Phones (Mantine's `xs` breakpoint, 576 px and below) read lists as cards, not wide tables. */
export const PHONE_QUERY = "(max-width: 36em)";

export function usePhoneLayout(): boolean {
  return useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
}

/**
 * One column of a list, declared once for both layouts. On a phone each row is a card: the
 * `title` column heads it, `meta` columns (the default) are labelled lines, `actions` go at the
 * bottom without a label, `hidden` columns are left out.
 */
export interface ListColumn<T> {
  header: string;
  /** The header is read by screen readers only (an actions column). */
  headerHidden?: boolean;
  /** The header's tooltip on the table (an abbreviated header's full name). */
  headerTitle?: string;
  cell: (row: T) => ReactNode;
  /** What the card shows instead of `cell`, e.g. a clamped long text. */
  phoneCell?: (row: T) => ReactNode;
  phone?: "title" | "meta" | "actions" | "hidden";
  /** On a phone the line takes the card's whole width (a progress bar, a long name). */
  phoneWide?: boolean;
  w?: number;
  miw?: number;
  maw?: number;
  nowrap?: boolean;
  /** The table's header and cells aligned to the right (figures); cards keep their labels' side. */
  align?: "right";
}

/**
 * A list of rows: a table (scrolling sideways inside its own region when wider than the screen)
 * on a computer or tablet, and a list of cards on a phone, so nothing there scrolls sideways.
 */
export function DataList<T>({
  label,
  rows,
  columns,
  rowKey,
  minWidth,
  verticalSpacing,
  withTableBorder,
  empty,
  strongRow,
  testId,
}: {
  label: string;
  rows: readonly T[];
  columns: readonly ListColumn<T>[];
  rowKey: (row: T) => string;
  /** The table's data-testid. */
  testId?: string;
  /** Rows set in bold (a tree's top level): the table's row, the card's title. */
  strongRow?: (row: T) => boolean;
  /** The table's least width; without it the table takes the width of its region. */
  minWidth?: number;
  verticalSpacing?: "xs" | "sm";
  withTableBorder?: boolean;
  /** Said when there is no row: a full-width row of the table, or a line instead of the cards. */
  empty?: ReactNode;
}) {
  const phone = usePhoneLayout();
  if (phone && rows.length === 0 && empty !== undefined) return <Text c="dimmed">{empty}</Text>;
  if (phone) {
    return (
      <DataCards
        label={label}
        rows={rows}
        columns={columns}
        rowKey={rowKey}
        strongRow={strongRow}
      />
    );
  }
  return (
    <TableScroll label={label}>
      <Table
        miw={minWidth}
        striped
        highlightOnHover
        withTableBorder={withTableBorder}
        aria-label={label}
        verticalSpacing={verticalSpacing}
        data-testid={testId}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th
                key={column.header}
                w={column.w}
                ta={column.align}
                title={column.headerTitle}
              >
                {column.headerHidden ? (
                  <VisuallyHidden>{column.header}</VisuallyHidden>
                ) : (
                  column.header
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && empty !== undefined && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{empty}</Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} fw={strongRow?.(row) ? 600 : undefined}>
              {columns.map((column) => (
                <Table.Td
                  key={column.header}
                  miw={column.miw}
                  maw={column.maw}
                  ta={column.align}
                  style={column.nowrap ? { whiteSpace: "nowrap" } : undefined}
                >
                  {column.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function DataCards<T>({
  label,
  rows,
  columns,
  rowKey,
  strongRow,
}: {
  label: string;
  rows: readonly T[];
  columns: readonly ListColumn<T>[];
  rowKey: (row: T) => string;
  strongRow?: (row: T) => boolean;
}) {
  const titles = columns.filter((column) => column.phone === "title");
  const metas = columns.filter((column) => (column.phone ?? "meta") === "meta");
  const actions = columns.filter((column) => column.phone === "actions");
  const show = (column: ListColumn<T>, row: T) => (column.phoneCell ?? column.cell)(row);
  return (
    <ul role="list" aria-label={label} className="cchc-cards" data-testid="data-cards">
      {rows.map((row) => (
        <Paper component="li" key={rowKey(row)} withBorder p="sm" radius="sm">
          {titles.map((column) => (
            <div
              key={column.header}
              className="cchc-card-title"
              style={strongRow?.(row) ? { fontWeight: 600 } : undefined}
            >
              {show(column, row)}
            </div>
          ))}
          {metas.length > 0 && (
            <dl className="cchc-card-fields">
              {metas.map((column) => (
                <div
                  key={column.header}
                  className={column.phoneWide ? "cchc-card-wide" : undefined}
                >
                  <Text component="dt" size="xs" c="dimmed">
                    {column.header}
                  </Text>
                  <Text component="dd" size="sm">
                    {show(column, row)}
                  </Text>
                </div>
              ))}
            </dl>
          )}
          {actions.length > 0 && (
            <Group gap="xs" justify="flex-end" mt="xs">
              {actions.map((column) => (
                <div key={column.header}>{show(column, row)}</div>
              ))}
            </Group>
          )}
        </Paper>
      ))}
    </ul>
  );
}

/**
 * A long text clamped to a few lines, with a "Xem thêm" / "Thu gọn" button (aria-expanded) shown
 * only when the text is longer than that. `text` is where the clamped element goes (its ref,
 * id and line clamp); `toggle` is the button, placed by the caller (outside any other button).
 */
export function useClamp<E extends HTMLElement>(
  lines = 3,
): {
  textProps: { ref: RefObject<E | null>; id: string; lineClamp?: number };
  toggle: ReactNode;
} {
  const ref = useRef<E | null>(null);
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || expanded) return;
    const measure = () => setOverflows(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [expanded]);
  const toggle =
    overflows || expanded ? (
      <Button
        variant="subtle"
        size="compact-xs"
        px={0}
        aria-expanded={expanded}
        aria-controls={id}
        onClick={() => setExpanded((value) => !value)}
      >
        {expanded ? "Thu gọn" : "Xem thêm"}
      </Button>
    ) : null;
  return { textProps: { ref, id, lineClamp: expanded ? undefined : lines }, toggle };
}
