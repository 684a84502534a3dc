/** URL of the dossier import page (Vietnamese without diacritics, like the other one-stop pages). */
export const dossierImportPath = "/mot-cua/nhap-ho-so";
