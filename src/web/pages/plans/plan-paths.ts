/** URL slugs of the plan pages: Vietnamese without diacritics. */
export const planPaths = {
  list: "/ke-hoach",
  create: "/ke-hoach/tao-moi",
  detailPattern: "/ke-hoach/:id",
  detail: (id: string) => `/ke-hoach/${encodeURIComponent(id)}`,
  tasks: "/nhiem-vu",
} as const;
