// The verdict of `grill plan`: one line saying whether the user is on track and, if not, what it
// takes; then one line per thing standing in the way (a cap, the review limit, unseen cards in the
// review-only days, reviews scheduled after the date).
import type { Settings } from '../scheduler/settings.js';
import type { Plan } from './plan.js';

/** `x` (0–1) as a percentage: one decimal where a whole number would hide a difference from `than`, or near 100. */
export function percent(x: number, than?: number): string {
  const whole = Math.round(x * 100);
  const close = than !== undefined && whole === Math.round(than * 100) && x !== than;
  return close || (x > 0.99 && x < 1) ? `${(Math.floor(x * 1000) / 10).toFixed(1)}%` : `${whole}%`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The verdict and the notes for a plan (its `verdict` and `notes` are ignored). */
export function judge(p: Plan, settings: Settings): { verdict: string; notes: string[] } {
  const notes: string[] = [];
  const unseen = p.total.unseen;
  if (p.daysLeft === 0) return { verdict: `The interview is today (${p.date}): good luck.`, notes };
  if (p.total.cards === 0) return { verdict: 'No cards yet: import a deck first.', notes };
  if (p.reviewOnlyToday && unseen > 0)
    notes.push(
      `Today is one of the ${p.reviewOnlyDays} review-only days: the ${plural(unseen, 'card')} never seen get no new-card slots. grill drill --cram shows them all, or set review-only-days lower.`,
    );
  else if (p.newPerDayNeeded > p.newPerDay && p.newPerDay >= settings.maxNewPerDay)
    notes.push(
      `max-new-per-day (${settings.maxNewPerDay}) holds new cards below the ${p.newPerDayNeeded} a day it takes to see every card before the review-only days: raise it, or cram the rest (grill drill --cram).`,
    );
  if (p.reviewsHeldBack > 0)
    notes.push(
      `Up to ${plural(p.peakReviews, 'review')} fall due on one day, above reviews-per-day (${settings.reviewsPerDay}): ${plural(p.reviewsHeldBack, 'review')} in all would wait past their day. Raise it (grill config set reviews-per-day ${roundUp(p.peakReviews)}) or keep more review-only days.`,
    );
  if (p.dueAfterDate > 0)
    notes.push(
      `${plural(p.dueAfterDate, 'card')} scheduled before exam mode ${p.dueAfterDate === 1 ? 'is' : 'are'} due after ${p.date}: grill reschedule brings them back before it.`,
    );
  const reach = p.total.recallOnSchedule;
  const budget =
    p.budgetMinutes !== null && p.recallOnBudget !== null
      ? `At ${p.budgetMinutes} min/day you reach ${percent(p.recallOnBudget, p.target)}`
      : null;
  if (reach < p.target) {
    const cause =
      notes.length > 0
        ? ' (see below)'
        : ': too little time for the cards left. Move the date, or cram the night before (grill drill --cram)';
    const also = budget ? ` ${budget}.` : '';
    return {
      verdict: `Following the schedule you reach ${percent(reach, p.target)} by ${p.date}, short of the ${percent(p.target)} you aim for${cause}.${also}`,
      notes,
    };
  }
  if (budget && (p.recallOnBudget ?? 0) < p.target) {
    const needed =
      p.minutesNeeded === null ? '' : `; ${p.minutesNeeded} min/day is needed for ${percent(p.target)}`;
    return { verdict: `${budget}${needed}.`, notes };
  }
  const newCards = p.newPerDay > 0 ? `${plural(p.newPerDay, 'new card')} today and ` : '';
  return {
    verdict: `On track: ${newCards}about ${Math.ceil(p.minutesPerDay)} min a day reach ${percent(reach, p.target)} by ${p.date}.`,
    notes,
  };
}

/** A round number at or above `n`, for a suggested limit. */
function roundUp(n: number): number {
  return Math.ceil(n / 50) * 50;
}
