/**
 * Business hours of a site, in its own time zone: opening intervals per weekday and holidays. A promise
 * ("first response within 2 hours") counts only the time the shop is open, so a ticket filed on Friday evening
 * is due on Monday morning. Local wall times are turned into instants with the zone's offset at that moment
 * (Intl, no library), so daylight-saving changes move the opening hours with the clocks.
 */
import * as z from 'zod/mini';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM'));
const interval = z
  .tuple([time, time])
  .check(z.refine(([open, close]) => open < close, 'an interval opens before it closes'));

export const businessHoursSchema = z.strictObject({
  /** IANA time zone, e.g. `Asia/Shanghai`, `Europe/Berlin`. */
  timeZone: z.string().check(
    z.refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone'),
  ),
  /** Opening intervals per weekday (`"mon": [["09:00", "12:00"], ["13:00", "18:00"]]`); a day left out is closed. */
  week: z.partialRecord(z.enum(WEEKDAYS), z.array(interval).check(z.maxLength(4))),
  /** Days closed all day, `YYYY-MM-DD` in the site's zone. */
  holidays: z.optional(z.array(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'))).check(z.maxLength(400))),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(zone: string, instant: number) {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The zone's offset from UTC at an instant, in ms (local wall clock minus UTC). */
function offsetAt(zone: string, instant: number): number {
  const p = partsIn(zone, instant);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant of a local wall time in the zone (a time skipped by a DST change lands just after the gap). */
function instantOf(zone: string, day: LocalDay, hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(day.year, day.month - 1, day.day, hours, minutes);
  const first = wall - offsetAt(zone, wall);
  const second = wall - offsetAt(zone, first);
  return second;
}

const nextDay = (d: LocalDay): LocalDay => {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
};
const isoDay = (d: LocalDay) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const weekdayOf = (d: LocalDay): Weekday => WEEKDAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()]!;

/** The open intervals of each local day from the one holding `from`, as instants (at most two years ahead). */
function* openIntervals(hours: BusinessHours, from: Date): Generator<[number, number]> {
  const start = partsIn(hours.timeZone, from.getTime());
  let day: LocalDay = { year: start.year, month: start.month, day: start.day };
  const holidays = new Set(hours.holidays ?? []);
  for (let i = 0; i < 730; i++, day = nextDay(day)) {
    if (holidays.has(isoDay(day))) continue;
    for (const [open, close] of hours.week[weekdayOf(day)] ?? []) {
      yield [instantOf(hours.timeZone, day, open), instantOf(hours.timeZone, day, close)];
    }
  }
}

/**
 * `from` plus `hoursToAdd` of open time. Without business hours (or with a week that is never open), wall-clock
 * hours.
 */
export function addBusinessHours(from: Date, hoursToAdd: number, hours: BusinessHours | undefined): Date {
  const wallClock = new Date(from.getTime() + hoursToAdd * 3_600_000);
  if (!hours) return wallClock;
  let remaining = hoursToAdd * 3_600_000;
  for (const [open, close] of openIntervals(hours, from)) {
    const begin = Math.max(open, from.getTime());
    if (begin >= close) continue;
    if (remaining <= close - begin) return new Date(begin + remaining);
    remaining -= close - begin;
  }
  return wallClock;
}

/** Open time between two instants, in ms (wall-clock time without business hours): for SLA clocks and KPIs. */
export function businessMsBetween(from: Date, to: Date, hours: BusinessHours | undefined): number {
  if (to <= from) return 0;
  if (!hours) return to.getTime() - from.getTime();
  let total = 0;
  for (const [open, close] of openIntervals(hours, from)) {
    if (open >= to.getTime()) break;
    const begin = Math.max(open, from.getTime());
    const end = Math.min(close, to.getTime());
    if (end > begin) total += end - begin;
  }
  return total;
}

/**
 * The next time a shopper's preferred window (`from`–`to`, local wall times in the shop's zone, UTC without
 * business hours; on `date` or on any of the next 14 days) meets the shop's open hours and is still ahead:
 * its first and last open instant. `past` when a dated window is over; `closed` when it never meets open time.
 */
export function nextOpenWindow(
  hours: BusinessHours | undefined,
  window: { from: string; to: string; date?: string },
  now: Date,
): { start: Date; end: Date } | 'past' | 'closed' {
  const zone = hours?.timeZone ?? 'UTC';
  const today = partsIn(zone, now.getTime());
  let day: LocalDay = window.date
    ? ((([year, month, date]) => ({ year, month, day: date }))(window.date.split('-').map(Number)) as LocalDay)
    : { year: today.year, month: today.month, day: today.day };
  const holidays = new Set(hours?.holidays ?? []);
  for (let i = 0; i < (window.date ? 1 : 14); i++, day = nextDay(day)) {
    const from = Math.max(instantOf(zone, day, window.from), now.getTime());
    const to = instantOf(zone, day, window.to);
    if (to <= from) {
      if (window.date) return 'past';
      continue;
    }
    if (!hours) return { start: new Date(from), end: new Date(to) };
    if (holidays.has(isoDay(day))) continue;
    let start = Infinity;
    let end = -Infinity;
    for (const [open, close] of hours.week[weekdayOf(day)] ?? []) {
      const s = Math.max(from, instantOf(zone, day, open));
      const e = Math.min(to, instantOf(zone, day, close));
      if (s < e) [start, end] = [Math.min(start, s), Math.max(end, e)];
    }
    if (start < end) return { start: new Date(start), end: new Date(end) };
  }
  return 'closed';
}
