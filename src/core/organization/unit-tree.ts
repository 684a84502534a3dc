/**
 * The unit hierarchy as of a date: parents and children, validity (valid-from / valid-to, both
 * inclusive ISO dates) and mergers ("merged into"). One place answers which units lie under a
 * unit, which lie above it, which older units a merged unit stands for, and which unit holds an
 * ended unit's records. Pure: built from the unit rows the caller loaded.
 */
export interface UnitNode {
  id: string;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  mergedIntoId: string | null;
}

export interface Period {
  from: string;
  to: string;
}

function isValidOn(node: UnitNode, date: string): boolean {
  return (
    (node.validFrom === null || node.validFrom <= date) &&
    (node.validTo === null || date <= node.validTo)
  );
}

function overlaps(node: UnitNode, period: Period): boolean {
  return (
    (node.validFrom === null || node.validFrom <= period.to) &&
    (node.validTo === null || period.from <= node.validTo)
  );
}

export class UnitTree {
  private readonly nodes = new Map<string, UnitNode>();
  private readonly childrenOf = new Map<string, string[]>();
  private readonly mergedFrom = new Map<string, string[]>();

  constructor(nodes: Iterable<UnitNode>) {
    for (const node of nodes) this.nodes.set(node.id, node);
    for (const node of this.nodes.values()) {
      if (node.parentId !== null) push(this.childrenOf, node.parentId, node.id);
      if (node.mergedIntoId !== null) push(this.mergedFrom, node.mergedIntoId, node.id);
    }
  }

  /** Every unit id, ended units included. */
  ids(): string[] {
    return [...this.nodes.keys()];
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  node(id: string): UnitNode | undefined {
    return this.nodes.get(id);
  }

  /** Whether the unit existed on the date (unknown units never did). */
  isValidOn(id: string, date: string): boolean {
    const node = this.nodes.get(id);
    return node !== undefined && isValidOn(node, date);
  }

  /** The units above, nearest first (the unit itself excluded). */
  ancestors(id: string): string[] {
    const result: string[] = [];
    const seen = new Set([id]);
    let current = this.nodes.get(id)?.parentId ?? null;
    while (current !== null && !seen.has(current)) {
      result.push(current);
      seen.add(current);
      current = this.nodes.get(current)?.parentId ?? null;
    }
    return result;
  }

  /** Whether `candidateId` is `ancestorId` or lies under it. */
  isWithin(candidateId: string, ancestorId: string): boolean {
    return candidateId === ancestorId || this.ancestors(candidateId).includes(ancestorId);
  }

  /**
   * The unit and every unit under it (breadth first, the unit first). With `on`, only units
   * valid on that date are kept; the walk still passes through ended units.
   */
  descendants(id: string, options: { on?: string } = {}): string[] {
    if (!this.nodes.has(id)) return [];
    const result = [id];
    const seen = new Set(result);
    for (let i = 0; i < result.length; i++) {
      for (const child of this.childrenOf.get(result[i]!) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        result.push(child);
      }
    }
    const on = options.on;
    return on === undefined
      ? result
      : result.filter((unitId) => isValidOn(this.nodes.get(unitId)!, on));
  }

  /** The older units merged into this one, directly or through earlier mergers. */
  predecessors(id: string): string[] {
    const result: string[] = [];
    const seen = new Set([id]);
    const queue = [...(this.mergedFrom.get(id) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      result.push(next);
      queue.push(...(this.mergedFrom.get(next) ?? []));
    }
    return result;
  }

  /**
   * The unit that holds an ended unit's records: follows "merged into" to the unit in force (or
   * the last one of the chain). A unit that was not merged holds its own records.
   */
  heir(id: string): string {
    const seen = new Set<string>();
    let current = id;
    while (!seen.has(current)) {
      seen.add(current);
      const next = this.nodes.get(current)?.mergedIntoId ?? null;
      if (next === null || !this.nodes.has(next)) return current;
      current = next;
    }
    return current;
  }

  /**
   * The units whose records count for `id` over a period: the unit and the units under it, and —
   * when the period reaches back before a merger — the merged-away units (and the units under
   * them) whose validity overlaps the period.
   */
  unitsCountingFor(id: string, period: Period): string[] {
    const result = new Set<string>();
    for (const root of [id, ...this.predecessors(id)]) {
      const rootNode = this.nodes.get(root);
      if (root !== id && (!rootNode || !overlaps(rootNode, period))) continue;
      for (const unitId of this.descendants(root)) {
        const node = this.nodes.get(unitId)!;
        if (unitId === id || overlaps(node, period)) result.add(unitId);
      }
    }
    return [...result];
  }
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
