/** URL slugs of the PAR Index (Chỉ số) pages: Vietnamese without diacritics. */
export const methodologyPaths = {
  indices: "/chi-so",
  detailPattern: "/chi-so/bo-tieu-chi/:id",
  detail: (id: string) => `/chi-so/bo-tieu-chi/${encodeURIComponent(id)}`,
} as const;
