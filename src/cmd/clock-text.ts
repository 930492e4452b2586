// The lab's virtual clock as programs print the time of day: the machine booted at the clock's
// epoch (UTC), so a virtual time in milliseconds is both its uptime and its wall-clock time.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** ctime(3)'s layout without its newline: `Thu Jan  1 00:00:12 1970` */
export function ctime(ms: number): string {
  const d = new Date(Math.floor(ms));
  const hms = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} ${d.getUTCFullYear()}`;
}
