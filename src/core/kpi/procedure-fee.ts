/**
 * Whether a procedure's fee text means a fee is due (the online-payment rate counts the dossiers
 * of procedures with a fee). No text, "Miễn …", "Không …" or "0 đồng" mean none. The same
 * pattern is used in SQL (`~`), so it stays within what JavaScript and PostgreSQL regexes share.
 */
export const NO_FEE_PATTERN =
  "^[[:space:]]*(Miễn|miễn|MIỄN|Không|không|KHÔNG|0+([.,]0+)?[[:space:]]*(đồng|đ|VNĐ)?[[:space:]]*$)";

const NO_FEE = new RegExp(NO_FEE_PATTERN.replaceAll("[[:space:]]", "\\s"));

export function procedureHasFee(feeText: string | null): boolean {
  return feeText !== null && feeText.trim() !== "" && !NO_FEE.test(feeText);
}
