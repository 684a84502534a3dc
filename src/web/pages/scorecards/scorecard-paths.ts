/** URL slugs of the scorecard pages (under Chỉ số): Vietnamese without diacritics. */
export const scorecardPaths = {
  detailPattern: "/chi-so/phieu-cham/:id",
  detail: (id: string) => `/chi-so/phieu-cham/${encodeURIComponent(id)}`,
  rankingPattern: "/chi-so/xep-hang",
} as const;
