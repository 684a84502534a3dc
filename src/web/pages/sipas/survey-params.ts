/**
 * The SIPAS page's unit and period in its address, so a link (a report's satisfaction figure on
 * the leader's overview) opens the indices of that unit and period: `don-vi`, `tu`, `den`
 * (YYYY-MM-DD). Missing or malformed parts take the page's defaults.
 */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface SurveySelection {
  unitId: string;
  from: string;
  to: string;
}

export function surveySelectionFrom(
  params: URLSearchParams,
  defaults: SurveySelection,
): SurveySelection {
  const day = (key: string) => {
    const value = params.get(key);
    return value && ISO_DAY.test(value) ? value : null;
  };
  return {
    unitId: params.get("don-vi") || defaults.unitId,
    from: day("tu") ?? defaults.from,
    to: day("den") ?? defaults.to,
  };
}

export function surveysPath(base: string, selection: SurveySelection): string {
  const params = new URLSearchParams({
    "don-vi": selection.unitId,
    tu: selection.from,
    den: selection.to,
  });
  return `${base}?${params.toString()}`;
}
