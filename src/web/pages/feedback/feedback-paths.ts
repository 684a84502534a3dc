/** URL slugs of the feedback pages: Vietnamese without diacritics. */
export const feedbackPaths = {
  register: "/phan-anh-kien-nghi",
  detailPattern: "/phan-anh-kien-nghi/:id",
  detail: (id: string) => `/phan-anh-kien-nghi/${encodeURIComponent(id)}`,
  /** Public, no login. */
  publicSubmit: "/gui-phan-anh",
  publicAnswers: "/phan-anh-da-tra-loi",
} as const;
