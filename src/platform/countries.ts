// Countries as the platform names them: ISO 3166-1 alpha-2 codes and their French names from the CLDR that
// Node carries (no list to keep up to date). Groups and the atlas read the same ones.

const displayNames = new Intl.DisplayNames(['fr'], { type: 'region', fallback: 'none' });

/** « SN » → « Sénégal ». */
export const countryName = (code: string) => displayNames.of(code) ?? code;

/** Every ISO 3166-1 alpha-2 code the CLDR names (user-assigned and grouping codes left out). */
export const countryCodes: readonly string[] = (() => {
  const codes: string[] = [];
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters)
    for (const b of letters) {
      const code = a + b;
      if (/^(Q[M-Z]|X[A-Z]|ZZ|AA|EU|EZ|UN)$/.test(code)) continue;
      // Old codes (HV for Burkina Faso, ZR for the Congo) are aliases of today's: left out.
      if (new Intl.Locale(`und-${code}`).region !== code) continue;
      if (displayNames.of(code)) codes.push(code);
    }
  return codes;
})();

const known = new Set(countryCodes);
export const isCountryCode = (code: string) => known.has(code);
