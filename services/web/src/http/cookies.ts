/** One of the console's own cookies as the browser sent it. */
export type CookieValue = { kind: 'absent' } | { kind: 'malformed' } | { kind: 'present'; value: string };

/**
 * Reads the first cookie of this name from a Cookie header. A value that does not decode, or is not of the shape the
 * console writes, is `malformed` (the caller answers 400), never an exception. Other sites' cookies on the same host
 * are not looked at, however they are written.
 */
export function readCookie(header: string | undefined, name: string, wellFormed: (value: string) => boolean): CookieValue {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let raw = part.slice(eq + 1).trim();
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return { kind: 'malformed' };
    }
    return wellFormed(value) ? { kind: 'present', value } : { kind: 'malformed' };
  }
  return { kind: 'absent' };
}
