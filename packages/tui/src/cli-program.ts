// The `grill` command line: every command, its options and help, built fresh for each run (so a
// test can run many commands in one process). Each command's module (and Ink/React for the
// interactive ones) is imported only when that command runs, so scripting commands start fast.
import { CARD_SORTS, CARD_STATE_FILTERS } from '@grill/core';
import { Command, CommanderError, Option } from 'commander';
import { commandGroup, findSubcommand, grillUsageErrors, reportError } from './errors.js';

/** The program with every command; `parseAsync` runs one. */
export function buildProgram(): Command {
  const program = new Command('grill')
    .description(
      'Spaced-repetition drills for backend-developer interviews.\nWith no command, opens the daily drill.',
    )
    .version('0.1.0')
    .exitOverride()
    .addHelpText(
      'after',
      `
Environment:
  GRILL_HOME   data folder (default: the platform data directory)
  GRILL_NOW    pretend the time is this ISO instant (tests, simulations);
               @FILE reads the instant from FILE each time the clock is read
  NO_COLOR     disable colours`,
    );

  const json = new Option('--json', 'print JSON');
  const deck = new Option('--deck <id>', 'only this deck');

  program
    .command('drill')
    .description('start a drill session in the terminal UI')
    .addOption(deck)
    .option('--tag <tag>', 'only cards with this tag')
    .option('--limit <n>', 'stop after this many cards')
    .option('--cram', 'every card of the selection once, due or not (the night before)')
    .addOption(
      new Option(
        '--ahead <days>',
        'study ahead: the cards due in the next DAYS days, before they are due',
      ).conflicts('cram'),
    )
    .addHelpText(
      'after',
      `
--cram and --ahead answers are recorded as normal reviews: FSRS takes the early review into
account (it counts the days since the card's last review), so a card you still know moves on
less than it would on its due day, and one you forgot comes back soon.`,
    )
    .action(async (opts) => (await import('./commands/drill.js')).drill(opts));

  program
    .command('mock')
    .description(
      'a mock interview: open questions (explanations, debugging scenarios) against the clock, weakest topics first, then a report',
    )
    .option('--minutes <n>', 'length of the interview', '20')
    .option('--per-card <time>', 'time to answer each question aloud, e.g. 90s or 2m', '2m')
    .addOption(deck)
    .option('--tag <tag>', 'only cards with this tag')
    .addHelpText(
      'after',
      `
Each question shows a countdown: answer aloud, then Space (or the end of the countdown) shows
the model answer and the rubric; tick the points you covered and rate. Questions are drawn at
random, weighted toward weak cards in weak topics (low predicted recall, rubric points missed
before), cards answered in the last day last. The interview ends when its minutes or the
questions run out, with a report per topic: points covered, time per answer, the points most
often missed. Answers are recorded as normal reviews, marked as given in a mock interview;
grill stats lists past interviews.`,
    )
    .action(async (opts) => (await import('./commands/mock.js')).mock(opts));

  program
    .command('lint')
    .description('check deck files and report every problem as path:line:col (default: the bundled decks)')
    .argument('[paths...]', 'deck files or folders')
    .option('--fix', 'write missing card ids into the files (nothing else is changed)')
    .addOption(json)
    .action(async (paths: string[], opts) => (await import('./commands/lint.js')).lint(paths, opts));

  program
    .command('import')
    .description(
      'import decks into the database: all files valid or nothing written (default: the bundled decks)',
    )
    .argument('[paths...]', 'deck files or folders')
    .addOption(json)
    .action(async (paths: string[], opts) =>
      (await import('./commands/import.js')).importCommand(paths, opts),
    );

  program
    .command('export')
    .description(
      'write everything that is yours into one archive: your own deck files and the whole review log (or, with --revlog-csv, the review log as the FSRS optimizer reads it)',
    )
    .option('--out <file>', 'where to write (default grill-DAY.zip, or grill-revlog-DAY.csv; - for stdout)')
    .option(
      '--revlog-csv',
      'the answers in effect as CSV: card_id,review_time,review_rating,review_state,review_duration',
    )
    .option('--force', 'overwrite the file if it exists')
    .addOption(json)
    .addHelpText(
      'after',
      `
The archive (a zip) holds the deck files you imported yourself and every event of the review log:
answers, undos, suspensions, settings. Card states are derived from the log, so nothing else is
needed; the bundled decks come with grill. grill import-archive FILE restores it into an empty home.
In the CSV, card_id numbers the cards in the order of their first answer, review_time is in ms
since the epoch, review_state is the FSRS state before the answer (0 new, 1 learning, 2 review,
3 relearning) and review_duration is in ms.`,
    )
    .action(async (opts) => (await import('./commands/archive.js')).exportCommand(opts));

  program
    .command('import-archive')
    .description('restore an archive made by grill export into an empty home (a new GRILL_HOME)')
    .argument('<file>', 'the archive (.zip)')
    .option('--decks-dir <dir>', "where to write the archive's deck files (default: $GRILL_HOME/decks)")
    .addOption(json)
    .action(async (file: string, opts) =>
      (await import('./commands/archive.js')).importArchiveCommand(file, opts),
    );

  program
    .command('export-anki')
    .description('write decks as an Anki package (.apkg) to study or share in Anki (default: every deck)')
    .argument('[decks...]', 'deck ids (see grill decks)')
    .requiredOption('--out <file>', 'the package to write, FILE.apkg')
    .option('--force', 'replace --out if it exists')
    .addOption(json)
    .addHelpText(
      'after',
      `
One Anki deck per deck, named by its title (a title with :: nests in Anki), one note per card, of
Anki's standard note types: basic cards as Basic; typed cards as Basic (type in the answer), the
first accepted answer what Anki checks; choice and open cards as Basic, the options or the rubric
on the card; cloze cards as Cloze, one note with a card per number. Fields are the card's markdown
as HTML. Cards are new in Anki: the review history stays in grill. Each note's guid comes from its
card key, so importing a later export into Anki updates the notes instead of adding copies.`,
    )
    .action(async (decks: string[], opts) =>
      (await import('./commands/export-anki.js')).exportAnki(decks, opts),
    );

  program
    .command('import-anki')
    .description('turn an Anki package (.apkg, .colpkg) into deck files and import them (all or nothing)')
    .argument('<file>', 'the package, FILE.apkg or FILE.colpkg')
    .option('--out <dir>', 'where to write the deck files (default: $GRILL_HOME/anki/<package name>)')
    .option('--with-history', "also import the package's reviews as answers, so scheduling goes on from them")
    .option(
      '--force',
      'write even if the folder holds deck files of other origin (those in the way are replaced)',
    )
    .addOption(json)
    .addHelpText(
      'after',
      `
One deck file per Anki deck that holds notes (a filtered deck's cards count in their home deck):
title the deck's full name, id a slug of it (Backend::HTTP → backend-http). Note types:
  Basic                                   → basic
  Basic (and reversed card), (optional…)  → a basic card per direction; the reverse one's id ends in -r
  Basic (type in the answer)              → typed, the answer field the accepted answer
  Cloze                                   → cloze, {{c1::answer::hint}} kept as written
  anything else                           → basic, from the first two fields (with a warning)
Fields' HTML becomes markdown; headings are demoted below the card's own, and text that reads as
deck syntax is escaped. Images and [sound:…] files the package holds are copied to DIR/media and
linked; files it lacks are reported.
A card's id comes from its note's guid, so importing a later package updates the same cards and
keeps their history; a note the package no longer has retires its card. Notes written by
grill export-anki come back as the cards they were (same keys and kinds); their decks then follow
the files written here. Files of an earlier import of the same package are replaced.
--with-history: each answer (Again, Hard, Good, Easy; filtered-deck reviews too) becomes a grill
answer at its time, so FSRS goes on from the Anki history and grill optimize can fit it; manual
and rescheduling entries are skipped. Importing the package again adds no answer twice.
A package that cannot be read leaves everything as it was.`,
    )
    .action(async (file: string, opts) =>
      (await import('./commands/import-anki.js')).importAnkiCommand(file, opts),
    );

  program
    .command('decks')
    .description('list the decks with card counts per kind and what is due (given paths: read the files)')
    .argument('[paths...]', 'deck files or folders to read instead of the database')
    .addOption(json)
    .action(async (paths: string[], opts) => (await import('./commands/decks.js')).decks(paths, opts));

  program
    .command('cards')
    .description('list the cards, one a line: state, due day, stability, recall now, lapses, question')
    .addOption(deck)
    .option('--tag <tag>', 'only cards with this tag')
    .option(
      '--search <text>',
      'only cards with these words in the question, prompt or answer, best match first',
    )
    .option('--state <state>', `only cards in this state: ${CARD_STATE_FILTERS.join(', ')}`)
    .option('--due-before <YYYY-MM-DD>', 'only cards due before this day')
    .option('--sort <order>', `${CARD_SORTS.join(', ')} (default: deck, or best match first with --search)`)
    .option('--limit <n>', 'at most this many cards')
    .addOption(json)
    .addHelpText(
      'after',
      `
--search finds every word (each word or "quoted phrase" is required), whole words as written in
code and HTTP: N+1, C++, PUT, 401, GET /users/{id}; endings ignored (cache finds caching); a word
ending in * is a prefix (idempot*). Quotes aside, what you type is only text, never a query syntax.
--state new, learning (relearning too) and review: cards in that phase, neither suspended nor
buried; suspended, buried, leech: cards so flagged. Recall is FSRS's predicted probability of
remembering the card now. Titles are cut to fit the terminal (COLUMNS when not a terminal).`,
    )
    .action(async (opts) => (await import('./commands/cards.js')).cards(opts));

  program
    .command('show')
    .description('one card: its content, memory state, due day, flags, source file:line and every answer')
    .argument('<card>', 'card key, deck-id/card-id')
    .addOption(json)
    .action(async (card: string, opts) => (await import('./commands/cards.js')).show(card, opts));

  program
    .command('due')
    .description("today's due counts per deck: learning, review, new available")
    .addOption(deck)
    .addOption(json)
    .action(async (opts) => (await import('./commands/due.js')).due(opts));

  program
    .command('next')
    .description(
      'the next card to study, with the interval each rating would give (null when nothing is due)',
    )
    .addOption(deck)
    .option('--tag <tag>', 'only cards with this tag')
    .addOption(json)
    .action(async (opts) => (await import('./commands/next.js')).next(opts));

  program
    .command('review')
    .description('record an answer for a card')
    .argument('<card>', 'card key, deck-id/card-id')
    .requiredOption('--rating <rating>', 'again, hard, good, easy or 1-4')
    .option('--duration <ms>', 'time spent on the card, in milliseconds')
    .option('--chosen <list>', 'choice cards: the options picked, 1-based, e.g. 1,3')
    .option('--typed <text>', 'typed cards and cloze cards with typed: yes: the text typed')
    .option('--covered <list>', 'open cards: the rubric points covered, 1-based, e.g. 1,2,4')
    .addOption(json)
    .action(async (card: string, opts) => (await import('./commands/review.js')).review(card, opts));

  program
    .command('undo')
    .description('cancel the last answer (or suspend/bury) made on this device')
    .addOption(json)
    .action(async (opts) => (await import('./commands/review.js')).undo(opts));

  for (const [name, text] of [
    ['suspend', 'hide a card until it is unsuspended'],
    ['unsuspend', 'bring a suspended card back'],
    ['bury', 'hide a card until tomorrow'],
  ] as const) {
    program
      .command(name)
      .description(text)
      .argument('<card>', 'card key, deck-id/card-id')
      .action(async (card: string) => (await import('./commands/review.js')).cardAction(name)(card));
  }

  program
    .command('history')
    .description('the answers in effect, oldest first (undone ones left out)')
    .argument('[card]', 'only this card')
    .addOption(json)
    .action(async (card: string | undefined, opts) =>
      (await import('./commands/history.js')).history(card, opts),
    );

  program
    .command('stats')
    .description('reviews today, streak, true retention over 30 days, due forecast')
    .addOption(json)
    .action(async (opts) => (await import('./commands/stats.js')).stats(opts));

  program
    .command('plan')
    .description(
      'will you be ready on your interview date? predicted recall per deck and tag, the pace, the minutes a day',
    )
    .option('--date <YYYY-MM-DD>', 'the interview day (default: the interview-date setting); a what-if')
    .option('--minutes <n>', 'the study minutes you have a day: the verdict says what they reach')
    .addOption(deck)
    .addOption(json)
    .addHelpText(
      'after',
      `
Recall is FSRS's predicted probability of remembering a card on the morning of the day (cards
never seen count 0): "if stopped" assumes no more study; "on schedule" simulates answering
everything due each day (exam mode: new cards paced to be all seen before the review-only days,
no review past the date), each review succeeding with its predicted probability.`,
    )
    .action(async (opts) => (await import('./commands/plan.js')).planCommand(opts));

  program
    .command('optimize')
    .description(
      'fit FSRS to your own review history; adopt the weights only when they predict your answers better',
    )
    .addOption(deck)
    .option('--dry-run', 'compare the fitted weights with the ones in use, change nothing')
    .option('--timeout <seconds>', 'longest the training may take', '300')
    .option('--reschedule', 'when adopted, also re-derive the due dates of cards already scheduled')
    .addOption(json)
    .addHelpText(
      'after',
      `
The weights are fitted by the FSRS optimizer (fsrs-rs) on your answers in effect, and judged
against the weights in use on later reviews after fitting on earlier ones (time-series splits;
once weights are in use, on the reviews since they were set). They are adopted (a synced
setting, governing answers from now on) only with at least 400 reviews a day or more after the
one before, and both a lower log loss and a lower RMSE; --reschedule (or grill reschedule later)
re-derives existing due dates. grill config unset weights goes back to FSRS's defaults.
Ctrl+C or the time limit cancels at once and changes nothing (exit status 130 for Ctrl+C).`,
    )
    .action(async (opts) => (await import('./commands/optimize.js')).optimizeCommand(opts));

  program
    .command('simulate')
    .description(
      'what if you changed retention? workload and what you remember, simulated on your collection',
    )
    .option('--days <n>', 'days to simulate, up to 3650', '30')
    .option('--retention <list>', 'desired retentions to compare, e.g. 0.8,0.85,0.9,0.95')
    .option('--new-per-day <n>', 'new cards a day (default: your new-per-day setting)')
    .option('--seed <n>', 'another seed, another equally likely run (the same seed, the same result)')
    .addOption(json)
    .addHelpText(
      'after',
      `
The simulation runs grill's own scheduler forward from your cards' memory states: each due card is
recalled with FSRS's predicted probability and rated as you rate recalled cards (your shares of
Hard, Good and Easy), answers take your own median time. Deterministic for a seed.`,
    )
    .action(async (opts) => (await import('./commands/simulate.js')).simulateCommand(opts));

  const config = program
    .command('config')
    .description('read and change settings, globally or per deck (grill config get lists them)');
  config
    .command('get')
    .description('show a setting, or all of them')
    .argument('[key]', 'setting name')
    .addOption(deck)
    .addOption(json)
    .action(async (key: string | undefined, opts) =>
      (await import('./commands/config.js')).configGet(key, opts),
    );
  config
    .command('set')
    .description('change a setting; it governs answers from now on (--reschedule also re-derives due dates)')
    .argument('<key>', 'setting name')
    .argument('<value>', 'new value')
    .addOption(deck)
    .option(
      '--reschedule',
      "also re-derive existing due dates from the new value (like Anki's reschedule on change)",
    )
    .action(async (key: string, value: string, opts) =>
      (await import('./commands/config.js')).configSet(key, value, opts),
    );
  config
    .command('unset')
    .description('remove an override (back to the global value or the default)')
    .argument('<key>', 'setting name')
    .addOption(deck)
    .action(async (key: string, opts) => (await import('./commands/config.js')).configUnset(key, opts));

  program
    .command('reschedule')
    .description('re-derive the due dates of cards in review from the settings in force now (synced)')
    .addOption(deck)
    .action(async (opts) => (await import('./commands/config.js')).reschedule(opts));

  program
    .command('login')
    .description(
      'log in to a grill-server to sync progress across machines (the token is kept in $GRILL_HOME, mode 0600)',
    )
    .requiredOption('--server <url>', 'the server, e.g. http://127.0.0.1:8787')
    .requiredOption('--user <name>', 'your account name')
    .option('--password-stdin', 'read the password from standard input instead of prompting')
    .option('--auto-sync', 'sync whenever the drill opens and closes')
    .action(async (opts) => (await import('./commands/sync.js')).login(opts));

  program
    .command('sync')
    .description('push answers made here, pull those made elsewhere, and update the schedule')
    .option(
      '--status',
      'show where this machine stands (unsynced answers, last sync) without contacting the server',
    )
    .addOption(json)
    .addHelpText(
      'after',
      `
Invalid events from the server are set aside (kept, never applied; listed by grill doctor) and
never stop the events after them. If the server lost events (restored from a backup, replaced,
or another account), this machine notices and re-sends its whole review log.

Exit status: 0 synced; 1 an invalid response from the server (nothing from it stored), or
another error (not logged in, say); 3 server unreachable; 4 timed out; 5 server error (5xx);
6 login refused or token revoked (grill login again); 7 events stamped ahead of the server's
clock; 8 rate-limited; 9 grill and the server speak different protocol versions; 10 conflicting
event ids; 11 the local database or data folder cannot be used (disk full, busy); 12 the server
redirected; 13 the server refused the request.`,
    )
    .action(async (opts) => (await import('./commands/sync.js')).sync(opts));

  program
    .command('logout')
    .description('revoke this machine’s token and forget it')
    .action(async () => (await import('./commands/sync.js')).logout());

  program
    .command('backup')
    .description('write a consistent copy of the database (SQLite online backup)')
    .option('--out <file>', 'where to write it (default: $GRILL_HOME/backups/grill-<time>.db)')
    .action(async (opts) => (await import('./commands/maintenance.js')).backup(opts));

  program
    .command('doctor')
    .description('check database integrity and that card states match a replay of the review log')
    .option('--repair', 'rebuild every card state from the review log if anything differs')
    .addOption(json)
    .action(async (opts) => (await import('./commands/maintenance.js')).doctor(opts));

  program
    .command('help')
    .description('show help for a command, e.g. grill help config set')
    .argument('[command...]', 'a command, and a subcommand of it')
    .action((words: string[]) => {
      let cmd = program;
      for (const word of words) cmd = findSubcommand(cmd, word);
      cmd.outputHelp();
    });

  // Last, so that no subcommand inherits what a command group accepts.
  commandGroup(config);
  commandGroup(program, async () => (await import('./commands/drill.js')).drill({ home: true }));

  grillUsageErrors(program);
  return program;
}

/**
 * Runs one command line (`argv` as in `process.argv`: node, script, then the words) and
 * resolves to its exit status: 0 done, 2 a usage error, else what the error maps to (errors.ts).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // help and version "errors" are normal exits; anything else is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error);
  }
}
