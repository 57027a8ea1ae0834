/** The GSM 03.38 default alphabet a text message is sent in; the extension characters count twice. */
const BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const EXTENDED = '^{}\\[~]|€\f';

/** Length in GSM-7 characters, or undefined if the text has a character outside the alphabet (it would go as UCS-2). */
export function gsm7Length(text: string): number | undefined {
  let n = 0;
  for (const ch of text) {
    if (BASIC.includes(ch)) n += 1;
    else if (EXTENDED.includes(ch)) n += 2;
    else return undefined;
  }
  return n;
}

/** Two concatenated fragments of 153 characters: the most a text here may be. */
export const TEXT_LIMIT = 306;
