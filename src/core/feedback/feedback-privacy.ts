import { maskName, maskPhone } from "../dossier/index.ts";

/** Masking of personal data on the public pages (the sender's name and phone fields). */
export { maskName, maskPhone };
