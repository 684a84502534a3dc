import { AREA_HEADINGS, type AreaKey } from "../../../core/plan/plan-area.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import type { PlanArea, Task } from "./plans.api.ts";

export interface TaskGroup<T extends Task> {
  key: string;
  heading: string;
  area: PlanArea | null;
  tasks: T[];
}

/** Tasks under their plan's areas, in the plan's area order; tasks without an area last. */
export function groupTasksByArea<T extends Task>(areas: PlanArea[], tasks: T[]): TaskGroup<T>[] {
  const groups: TaskGroup<T>[] = areas.map((area) => ({
    key: area.key,
    heading: area.heading || AREA_HEADINGS[area.key],
    area,
    tasks: [],
  }));
  const byKey = new Map(groups.map((group) => [group.key, group]));
  const loose: T[] = [];
  for (const task of tasks) {
    const group = task.areaKey ? byKey.get(task.areaKey) : undefined;
    if (group) group.tasks.push(task);
    else if (task.areaKey) {
      const created: TaskGroup<T> = {
        key: task.areaKey,
        heading: AREA_HEADINGS[task.areaKey as AreaKey] ?? task.areaKey,
        area: null,
        tasks: [task],
      };
      groups.push(created);
      byKey.set(task.areaKey, created);
    } else loose.push(task);
  }
  // The server lists the plan's areas in order; an area without its row goes after them.
  const sorted = groups.filter((group) => group.tasks.length > 0 || group.area);
  if (loose.length > 0)
    sorted.push({ key: "none", heading: t.tasks.noArea, area: null, tasks: loose });
  return sorted;
}
