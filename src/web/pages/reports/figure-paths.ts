/**
 * The address of the page a key figure of the leader's overview opens (see
 * core/report/report-figure-links.ts), in the filters each page reads from its address.
 */
import type { FigureTarget } from "../../../core/report/report-figure-links.ts";
import { paths } from "../../components/navigation.ts";
import { dashboardPaths } from "../dashboard/dashboard-paths.ts";
import { selectionQuery } from "../dashboard/period.ts";
import { scorecardPaths } from "../scorecards/scorecard-paths.ts";
import { sipasPaths } from "../sipas/sipas-paths.ts";
import { surveysPath } from "../sipas/survey-params.ts";
import { taskListPath } from "../tasks/task-list-params.ts";

/**
 * The path of a target; a scorecard is opened by its id (`scorecardIdOf` finds the unit's
 * scorecard of the year), and there is no path when the unit has none.
 */
export function figurePath(
  target: FigureTarget,
  scorecardIdOf: (unitId: string, year: number) => string | null = () => null,
): string | null {
  switch (target.page) {
    case "dossiers":
      return `${dashboardPaths.dossiers}?${selectionQuery(
        { unitId: target.unitId, ...target.period },
        { set: target.set },
      )}`;
    case "dashboard":
      return `${dashboardPaths.unit}?${selectionQuery({ unitId: target.unitId, ...target.period })}`;
    case "tasks":
      return taskListPath(paths.tasks, {
        view: target.view,
        unitId: target.unitId,
        dueFrom: target.dueFrom,
        dueTo: target.dueTo,
        counted: target.counted,
      });
    case "satisfaction":
      return surveysPath(sipasPaths.surveys, {
        unitId: target.unitId,
        from: target.from,
        to: target.to,
      });
    case "scorecard": {
      const id = scorecardIdOf(target.unitId, target.year);
      return id ? scorecardPaths.detail(id) : null;
    }
  }
}
