/** URL slugs of the dashboards (Vietnamese without diacritics). */
export const dashboardPaths = {
  unit: "/bang-dieu-khien",
  units: "/bang-dieu-khien/don-vi-truc-thuoc",
  dossiers: "/bang-dieu-khien/ho-so",
};
