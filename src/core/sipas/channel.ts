/**
 * How a SIPAS survey was answered: on the public phone page (QR code), at the desk's kiosk, or on
 * a paper form a clerk typed in. The public page asks for `phone` or `kiosk` only.
 */
export const SIPAS_CHANNELS = ["phone", "kiosk", "paper"] as const;
export type SipasChannel = (typeof SIPAS_CHANNELS)[number];

/** The channels the public (no-login) answer route accepts. */
export const PUBLIC_SIPAS_CHANNELS = ["phone", "kiosk"] as const satisfies readonly SipasChannel[];
export type PublicSipasChannel = (typeof PUBLIC_SIPAS_CHANNELS)[number];
