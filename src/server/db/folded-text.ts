/**
 * A text column folded for searching, in SQL, as `searchKey` (src/core/text/vietnamese-text.ts)
 * folds in the application: NFD, combining marks removed, đ → d, lower case, single spaces. The
 * expression is immutable, so it can define a stored generated column that a trigram index reads.
 */
export function foldSql(column: string): string {
  return `btrim(regexp_replace(translate(lower(regexp_replace(normalize(${column}, NFD), '[\\u0300-\\u036f]', '', 'g')), 'Đđ', 'dd'), '\\s+', ' ', 'g'))`;
}
