/**
 * Sorting and shading a table of units (or any rows): the comparison (no data always last,
 * Vietnamese order for text, ties by name), the next sort when a header is pressed, and the
 * red-to-green shading of a column. No React here; the header row and the phone's select are in
 * sortable-table.tsx.
 */
export type SortDirection = 1 | -1;
export interface Sort<K extends string> {
  key: K;
  direction: SortDirection;
}
/** A sort value; null ("không phát sinh", no data) always sorts last, whatever the direction. */
export type SortValue = number | string | null;

export interface SortableColumn<K extends string> {
  key: K;
  header: string;
  /** Header and cells aligned left (text) or right (figures, the default). */
  align?: "left" | "right";
}

const collator = new Intl.Collator("vi");

export function compareSortValues(a: SortValue, b: SortValue, direction: SortDirection): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "string" || typeof b === "string")
    return collator.compare(String(a), String(b)) * direction;
  return (a - b) * direction;
}

/** The rows in the sort's order, ties by name (Vietnamese order); no sort: the rows as given. */
export function sortRows<R, K extends string>(
  rows: readonly R[],
  sort: Sort<K> | null,
  value: (row: R, key: K) => SortValue,
  name: (row: R) => string,
): R[] {
  if (!sort) return [...rows];
  return [...rows].sort(
    (a, b) =>
      compareSortValues(value(a, sort.key), value(b, sort.key), sort.direction) ||
      collator.compare(name(a), name(b)),
  );
}

/** A header pressed: the same column flips its direction, another column starts ascending. */
export function nextSort<K extends string>(sort: Sort<K> | null, key: K): Sort<K> {
  const active = sort?.key === key;
  return { key, direction: active && sort.direction === 1 ? -1 : 1 };
}

export interface Range {
  min: number;
  max: number;
}

/** The lowest and highest value of a column (no data left out). */
export function rangeOf(values: readonly SortValue[]): Range {
  const numbers = values.filter((v): v is number => typeof v === "number");
  return { min: Math.min(...numbers), max: Math.max(...numbers) };
}

/**
 * A light background from red (worst of the column) to green (best); text stays dark. No data,
 * or one value only (or all the same): nothing to compare, no colour.
 */
export function scaleColour(
  value: number | null,
  range: Range,
  higherIsBetter = true,
): string | undefined {
  if (value === null || !(range.max > range.min)) return undefined;
  let share = (value - range.min) / (range.max - range.min);
  if (!higherIsBetter) share = 1 - share;
  return `hsl(${Math.round(share * 120)}, 70%, 88%)`;
}
