/** The data of the parts every ND 30 document shares; each document type fills them. */

/** The issuing body, printed top left. */
export interface Issuer {
  /** Direct parent body, upright; "\n" splits lines: "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM"; null when none. */
  upperName: string | null;
  /** Issuing body, bold; "\n" splits lines: "ỦY BAN NHÂN DÂN\nXÃ HÒA PHONG". */
  name: string;
}

/** "28" + "QĐ-UBND" → "Số: 28/QĐ-UBND"; a null number prints "Số:      /QĐ-UBND". */
export interface DocumentNumber {
  number: string | null;
  symbol: string;
}

/**
 * Who signs (ND 30, Phụ lục I II.7): TM. on behalf of a collective, KT. a deputy for the head,
 * Q. an acting head, TL. by order, TUQ. by delegation, or none (the head signs).
 */
export type SigningAuthority = "TM." | "KT." | "Q." | "TL." | "TUQ.";

export interface Signer {
  authority: SigningAuthority | null;
  /** After TM./KT./TL./TUQ.: "ỦY BAN NHÂN DÂN", "CHỦ TỊCH". Ignored for Q. and none. */
  onBehalfOf: string | null;
  /**
   * With TM. only: the head a deputy signs for inside the collective's block, printed "KT. CHỦ
   * TỊCH" between "TM. ỦY BAN NHÂN DÂN" and "PHÓ CHỦ TỊCH".
   */
  deputyFor?: string | null;
  /** "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "NGƯỜI TIẾP NHẬN HỒ SƠ". */
  title: string;
  /** Printed bold under the space left for the signature and seal; "" leaves the space only. */
  name: string;
  /** Italic line under the title: "(Ký, ghi rõ họ tên và đóng dấu)". */
  note?: string;
}
