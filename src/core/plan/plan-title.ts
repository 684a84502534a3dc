/**
 * A plan's title is stored without its kind: documents print "KẾ HOẠCH" / "Kế hoạch" before it
 * themselves, so a title typed as "Kế hoạch cải cách hành chính năm 2026" would print
 * "Kế hoạch kế hoạch …". The kind is removed once or as often as it was typed, whatever its case,
 * and what remains starts with a capital like every stored title (documents lower it where needed).
 */
const LEADING_KIND = /^\s*k[eế]\s+ho[aạ]ch\b[\s:–-]*/iu;

export function planTitleWithoutKind(title: string): string {
  const typed = title.normalize("NFC").trim();
  let rest = typed;
  while (LEADING_KIND.test(rest)) {
    const stripped = rest.replace(LEADING_KIND, "");
    if (stripped.trim() === "") break;
    rest = stripped;
  }
  rest = rest.trim();
  return rest === typed ? rest : rest.charAt(0).toLocaleUpperCase("vi") + rest.slice(1);
}
