import {
  formatSettingValue,
  type Grill,
  InvalidInputError,
  isSettingKey,
  type Plan,
  plan,
  SETTING_KEYS,
  unknownSetting,
} from '@grill/core';
import { parseSettingValue } from '@grill/core/parse';
import { withGrill } from '../context.js';
import { printJson } from '../output.js';

function checkDeck(grill: Grill, deck: string | undefined): string {
  if (deck) grill.requireDeck(deck);
  return deck ?? '';
}

export function configGet(key: string | undefined, opts: { deck?: string; json?: boolean }): Promise<void> {
  if (key !== undefined && !isSettingKey(key)) throw unknownSetting(key);
  return withGrill((grill) => {
    const deck = checkDeck(grill, opts.deck);
    const effective = grill.settings(deck);
    const overrides = grill.overrides(deck);
    const keys = key ? [key] : Object.keys(SETTING_KEYS);
    const rows = keys.map((k) => {
      const spec = SETTING_KEYS[k as keyof typeof SETTING_KEYS];
      const set = Object.hasOwn(overrides, k);
      const changedAt = set ? grill.settingChangedAt(k, deck) : undefined;
      return {
        key: k,
        value: effective[spec.field],
        set,
        ...(changedAt === undefined ? {} : { setAt: new Date(changedAt).toISOString() }),
        help: spec.help,
      };
    });
    // Weights are 21 numbers: the table says whether they are fitted and when (the value: get weights).
    const shown = (r: (typeof rows)[number]) =>
      r.key === 'weights' && !key
        ? r.value === null
          ? '(default)'
          : r.set
            ? `fitted ${r.setAt?.slice(0, 10) ?? ''}`
            : 'fitted (global)'
        : formatSettingValue(r.value);
    // The value column as wide as its widest value (a zone name, "fitted 2026-11-30"), so it stays aligned.
    const width = Math.max(10, ...rows.map((r) => shown(r).length));
    if (opts.json) printJson(key ? rows[0] : rows);
    else if (key) process.stdout.write(`${formatSettingValue(rows[0]?.value)}\n`);
    else
      for (const r of rows)
        process.stdout.write(
          `${r.key.padEnd(17)} ${shown(r).padEnd(width)} ${r.set ? '(set)' : '     '}  ${r.help}\n`,
        );
  });
}

export function configSet(
  key: string,
  value: string,
  opts: { deck?: string; reschedule?: boolean },
): Promise<void> {
  const parsed = parseSettingValue(key, value);
  return withGrill((grill, now) => {
    const deck = checkDeck(grill, opts.deck);
    const effective = grill.setSetting(key, parsed, now, deck);
    const where = deck ? ` for deck ${deck}` : '';
    if (JSON.stringify(effective) === JSON.stringify(parsed))
      process.stdout.write(`${key} = ${formatSettingValue(effective)}${where}\n`);
    else
      process.stdout.write(
        `${key} = ${formatSettingValue(effective)}${where}: a later change from another machine wins over this one (recorded in the log)\n`,
      );
    if (opts.reschedule) reportReschedule(grill.reschedule(now, deck), deck);
    if (key === 'interview-date' && typeof effective === 'string')
      reportInterview(grill, effective, now, deck);
  });
}

/**
 * After setting the interview date: what exam mode does from now on, and what it cannot do alone
 * (new cards in the review-only days, reviews already scheduled after the date); or that the day
 * is already past.
 */
function reportInterview(grill: Grill, date: string, now: number, deck: string): void {
  const scope = deck ? ` --deck ${deck}` : '';
  let p: Plan;
  try {
    p = plan(grill, now, deck ? { deck } : {});
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    if (error.code === 'past-date')
      process.stdout.write(
        `note: ${date} is already past, so exam mode is off (grill config unset interview-date${scope})\n`,
      );
    else process.stdout.write(`note: ${error.message}\n`);
    return;
  }
  if (p.daysLeft === 0) {
    process.stdout.write('the interview is today: good luck (exam mode is over; grill plan still reports)\n');
    return;
  }
  const days = `${p.daysLeft} day${p.daysLeft === 1 ? '' : 's'}`;
  process.stdout.write(
    `exam mode for the next ${days}: new cards paced, no review past the date (see grill plan${scope})\n`,
  );
  if (p.reviewOnlyToday && p.total.unseen > 0)
    process.stdout.write(
      `note: today is already one of the ${p.reviewOnlyDays} review-only days, so the ${p.total.unseen} cards never seen get no new-card slots: grill drill --cram shows them all, or set review-only-days lower\n`,
    );
  if (p.dueAfterDate > 0)
    process.stdout.write(
      `note: ${p.dueAfterDate} card${p.dueAfterDate === 1 ? ' is' : 's are'} due after ${date} (scheduled before): grill reschedule${scope} brings them back before it\n`,
    );
}

/** grill reschedule: due dates re-derived from the settings in force now, as a synced event. */
export function reschedule(opts: { deck?: string }): Promise<void> {
  return withGrill((grill, now) => {
    const deck = checkDeck(grill, opts.deck);
    reportReschedule(grill.reschedule(now, deck), deck);
  });
}

function reportReschedule(cards: number, deck: string): void {
  process.stdout.write(
    `rescheduled ${cards} card${cards === 1 ? '' : 's'}${deck ? ` of deck ${deck}` : ''} from the settings in force now\n`,
  );
}

export function configUnset(key: string, opts: { deck?: string }): Promise<void> {
  return withGrill((grill, now) => {
    const deck = checkDeck(grill, opts.deck);
    const removed = grill.unsetSetting(key, now, deck);
    process.stdout.write(
      removed ? `${key} reset to ${deck ? 'the global value' : 'the default'}\n` : `${key} was not set\n`,
    );
  });
}
