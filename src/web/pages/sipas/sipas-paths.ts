/** URL slugs of the SIPAS pages (Vietnamese without diacritics). */
export const sipasPaths = {
  surveys: "/khao-sat",
  paper: "/khao-sat/nhap-phieu",
  qr: "/khao-sat/ma-qr",
  /** Public, no login: the phone page of a unit (`?linhVuc=`, `?quay=`, `?hoSo=`). */
  publicPattern: "/danh-gia/:unitCode",
  kioskPattern: "/danh-gia/:unitCode/kiosk",
  publicPage: (unitCode: string) => `/danh-gia/${encodeURIComponent(unitCode)}`,
  kioskPage: (unitCode: string) => `/danh-gia/${encodeURIComponent(unitCode)}/kiosk`,
};
