/** Night hours in UK local time, e.g. 22:00–07:00: when an alert always goes by text message too. */
export interface NightHours {
  /** Minutes after local midnight. */
  from: number;
  to: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "22:00-07:00" → NightHours; undefined when malformed. */
export function parseNightHours(spec: string): NightHours | undefined {
  const [a, b, ...rest] = spec.split('-');
  const from = a && HHMM.exec(a.trim());
  const to = b && HHMM.exec(b.trim());
  if (!from || !to || rest.length) return undefined;
  return { from: Number(from[1]) * 60 + Number(from[2]), to: Number(to[1]) * 60 + Number(to[2]) };
}

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Whether a moment falls in the night hours, in UK local time (GMT or BST as the date has it). */
export function isNight(at: Date, night: NightHours): boolean {
  const parts = Object.fromEntries(LONDON.formatToParts(at).map((p) => [p.type, p.value]));
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  return night.from <= night.to ? minute >= night.from && minute < night.to : minute >= night.from || minute < night.to;
}
