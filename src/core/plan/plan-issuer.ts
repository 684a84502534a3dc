/**
 * Who issues a plan and how it is signed (ND 30/2020, Phụ lục I II.7). The signer's form decides
 * the issuer, so the header, the decision's authority line, the "(Kèm theo …)" lines and the
 * signature always name the same one:
 * - "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (or "… / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"): the committee issues;
 * - "CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Q. CHỦ TỊCH": the chair of the committee issues.
 */
export const PLAN_SIGNER_AUTHORITIES = ["TM.", "KT.", "Q."] as const;
/** Null: the chair signs in their own name. */
export type PlanSignerAuthority = (typeof PLAN_SIGNER_AUTHORITIES)[number] | null;

/** "committee": Ủy ban nhân dân; "chair": Chủ tịch Ủy ban nhân dân. */
export type PlanIssuerKind = "committee" | "chair";

export function planIssuerKind(authority: PlanSignerAuthority): PlanIssuerKind {
  return authority === "TM." ? "committee" : "chair";
}

const upper = (text: string) => text.toLocaleUpperCase("vi");

/** The signer in the shape the ND 30 kit prints. */
export interface PlanSignerForm {
  issuer: PlanIssuerKind;
  authority: "TM." | "KT." | "Q." | null;
  onBehalfOf: string | null;
  /** A deputy signing for the head inside a TM. block: "KT. CHỦ TỊCH" under "TM. ỦY BAN NHÂN DÂN". */
  deputyFor: string | null;
  title: string;
}

/** "PHÓ CHỦ TỊCH" → "CHỦ TỊCH": the head a deputy signs for; null when the title is no deputy's. */
function headOf(title: string): string | null {
  const match = /^PHÓ\s+(.+)$/u.exec(title);
  return match ? match[1]!.trim() : null;
}

/**
 * The signature of a plan or of its decision from the stored authority and title: TM. → "TM. ỦY
 * BAN NHÂN DÂN" over the title (with "KT. CHỦ TỊCH" between when a deputy signs); KT. → "KT. CHỦ
 * TỊCH" over the deputy's title; Q. → "Q. CHỦ TỊCH"; none → the title alone. No title: "CHỦ TỊCH"
 * (a deputy's title under KT.: "PHÓ CHỦ TỊCH").
 */
export function planSignerForm(
  authority: PlanSignerAuthority,
  title: string | null,
): PlanSignerForm {
  const given = upper((title ?? "").trim().replace(/\s+/g, " "));
  switch (authority) {
    case "TM.": {
      const signerTitle = given || "CHỦ TỊCH";
      return {
        issuer: "committee",
        authority,
        onBehalfOf: "ỦY BAN NHÂN DÂN",
        deputyFor: headOf(signerTitle),
        title: signerTitle,
      };
    }
    case "KT.": {
      const signerTitle = given || "PHÓ CHỦ TỊCH";
      return {
        issuer: "chair",
        authority,
        onBehalfOf: headOf(signerTitle) ?? "CHỦ TỊCH",
        deputyFor: null,
        title: signerTitle,
      };
    }
    case "Q.":
      return {
        issuer: "chair",
        authority,
        onBehalfOf: null,
        deputyFor: null,
        title: given || "CHỦ TỊCH",
      };
    case null: {
      const signerTitle = given || "CHỦ TỊCH";
      const head = headOf(signerTitle);
      // A deputy cannot sign in their own name: "PHÓ CHỦ TỊCH" alone is "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
      return head
        ? {
            issuer: "chair",
            authority: "KT.",
            onBehalfOf: head,
            deputyFor: null,
            title: signerTitle,
          }
        : {
            issuer: "chair",
            authority: null,
            onBehalfOf: null,
            deputyFor: null,
            title: signerTitle,
          };
    }
  }
}

/** "ỦY BAN NHÂN DÂN XÃ HÒA PHONG" or "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA PHONG" (a decision's authority). */
export function issuerAuthorityLine(kind: PlanIssuerKind, committeeName: string): string {
  const name = upper(committeeName);
  return kind === "chair" ? `CHỦ TỊCH ${name}` : name;
}

/** "Ủy ban nhân dân xã Hòa Phong" or "Chủ tịch Ủy ban nhân dân xã Hòa Phong" in running text. */
export function issuerInText(kind: PlanIssuerKind, committeeInText: string): string {
  return kind === "chair" ? `Chủ tịch ${committeeInText}` : committeeInText;
}
