/** The desk administration page (under Quản trị). */
export const deskSettingsPath = "/quan-tri/mot-cua";
