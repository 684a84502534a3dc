/** URL slugs of the reports pages (Vietnamese without diacritics). */
export const reportPaths = {
  calendar: "/bao-cao",
  detailPattern: "/bao-cao/:id",
  detail: (id: string) => `/bao-cao/${id}`,
};
