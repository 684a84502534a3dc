/** URL slugs of the one-stop pages (Vietnamese without diacritics). */
export const oneStopPaths = {
  register: "/mot-cua",
  procedures: "/mot-cua/thu-tuc",
  dossierPattern: "/mot-cua/ho-so/:id",
  dossier: (id: string) => `/mot-cua/ho-so/${encodeURIComponent(id)}`,
  lookup: "/tra-cuu",
} as const;
