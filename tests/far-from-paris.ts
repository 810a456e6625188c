// Imported first by a test file that must hold on a server far from Paris: the process's time zone becomes
// Asia/Tokyo (UTC+9, no summer time) before any other module is loaded. Node applies a change of TZ at
// once; `hostIsFarFromParis` lets the test prove that it did.
process.env.TZ = 'Asia/Tokyo';

export const hostIsFarFromParis = () =>
  new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset() === -540 &&
  Intl.DateTimeFormat().resolvedOptions().timeZone === 'Asia/Tokyo';
