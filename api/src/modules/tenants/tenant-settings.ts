const currencies = new Set(Intl.supportedValuesOf('currency'));
const zones = new Set(Intl.supportedValuesOf('timeZone'));

/**
 * The IANA name of a time zone as it should be stored, or null when it is not one. Names are kept as given
 * (ICU would turn `Asia/Kolkata` into its legacy `Asia/Calcutta`), except that a zone's case is corrected.
 */
export function canonicalTimeZone(name: string): string | null {
  // Offsets such as "+01:00" are not IANA zones: they have no daylight-saving rules, so local days would drift.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  if (zones.has(name)) return name;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

/** True for an ISO 4217 currency code the runtime knows (ICU's list). */
export function isCurrency(code: string): boolean {
  return currencies.has(code);
}
