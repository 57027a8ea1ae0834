/**
 * UK mobile numbers, stored in E.164 (+447…). Accepted as people write them: 07700 900123, +44 7700 900123,
 * 0044 7700 900123 or 447700900123. Mobile ranges are 071–075 and 077–079, and 07624 (Isle of Man); 070 (personal
 * numbering) and 076 (pagers) cannot take a text. Ofcom's drama range 07700 900000–900999 is valid (demo data uses it).
 */
export function ukMobile(input: string): string | undefined {
  const digits = input.replace(/[\s().-]/g, '');
  const national = /^(?:\+44|0044|44)(7\d{9})$/.exec(digits)?.[1] ?? /^0(7\d{9})$/.exec(digits)?.[1];
  if (!national) return undefined;
  return /^7(?:[1-57-9]\d|624)/.test(national) ? `+44${national}` : undefined;
}
