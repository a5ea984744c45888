// `pnpm bench`: grill's hot paths measured side by side with the raw speed of the libraries
// underneath, in the same run. `--json` prints the results as JSON; `--write` also writes
// docs/BENCHMARKS.md. Data is generated (seeded) in a temp dir, never in the repository.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { Parser as CommonMarkParser } from 'commonmark';
import { createEmptyCard } from 'ts-fsrs';
import { computeStats, Grill, listCards, trainingSet } from '../../packages/core/dist/index.js';
import { importPaths } from '../../packages/core/dist/parse.js';
import {
  DAY,
  DAYS,
  generateHistory,
  HISTORY_MAX_INTERVAL,
  historyScheduler,
  START,
  writeDeckTree,
  writeHugeDeck,
} from './data.mjs';
import { hasGnuTime, stats, time, timeProcess, timeProcessPlain } from './measure.mjs';
import { serverPgCases } from './server-pg.mjs';
import { syncCases } from './sync-cases.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GRILL = path.join(ROOT, 'packages/tui/bundle/cli.js');
const json = process.argv.includes('--json');
const write = process.argv.includes('--write');
const log = (...a) => (json ? process.stderr.write(`${a.join(' ')}\n`) : console.log(...a));
const results = [];
const NOW = START + DAYS * DAY;

function record(id, what, samples, baselineSamples, extra = {}) {
  const s = stats(samples);
  const b = baselineSamples ? stats(baselineSamples).median : null;
  const row = {
    id,
    median_ms: round(s.median),
    p99_ms: round(extra.p99 ?? s.p99),
    baseline_ms: b === null ? null : round(b),
    ratio: b ? round(s.median / b) : null,
    peak_rss_mb: extra.rss ?? null,
    what,
    target: extra.target ?? '',
  };
  results.push(row);
  log(
    `  ${id.padEnd(12)} median ${fmt(row.median_ms)}  p99 ${fmt(row.p99_ms)}  baseline ${fmt(row.baseline_ms)}  ratio ${row.ratio ?? '—'}${row.peak_rss_mb ? `  rss ${row.peak_rss_mb} MB` : ''}`,
  );
}
const round = (x) => Math.round(x * 1000) / 1000;
const fmt = (x) => (x === null ? '—'.padStart(9) : `${x.toFixed(x < 10 ? 3 : 1)} ms`.padStart(11));

const work = mkdtempSync(path.join(tmpdir(), 'grill-bench-'));
const started = performance.now();
try {
  const decks = writeDeckTree(path.join(work, 'decks'));
  const deckFiles = readdirSync(decks, { recursive: true })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(decks, f));

  // ── import: cold and warm, against parsing / reading the same files ─────────
  log('import (10k cards in 100 files)');
  const parser = new CommonMarkParser();
  const parseOnly = await time(
    () => {
      for (const f of deckFiles) parser.parse(readFileSync(f, 'utf8'));
    },
    { runs: 3, warmup: 0 },
  );
  const cold = await time(
    (i) => {
      const grill = Grill.open(path.join(work, `cold-${i}`));
      importPaths(grill, [decks], NOW);
      grill.close();
    },
    { runs: 3, warmup: 0 },
  );
  record('import-cold', 'import 10k cards into an empty database', cold, parseOnly, {
    target: '≤ 2000 ms',
  });
  const warmGrill = Grill.open(path.join(work, 'cold-0'));
  const readOnly = await time(
    () => {
      for (const f of deckFiles) readFileSync(f, 'utf8');
    },
    { runs: 10 },
  );
  const warm = await time(() => importPaths(warmGrill, [decks], NOW), { runs: 10 });
  warmGrill.close();
  record('import-warm', 're-import the unchanged 10k cards', warm, readOnly, { target: '≤ 3×' });

  // ── import-huge: one 5 MB deck through the real `grill import`, for time and peak memory ──
  log('import-huge (one 5 MB deck, 16k cards, whole process)');
  const huge = writeHugeDeck(path.join(work, 'huge'));
  const hugeParse = await time(() => parser.parse(readFileSync(huge, 'utf8')), { runs: 3, warmup: 1 });
  const emptyContent = mkdtempSync(path.join(work, 'no-bundled-'));
  const hugeRuns = [0, 1, 2].map((i) =>
    (hasGnuTime() ? timeProcess : timeProcessPlain)(process.execPath, [GRILL, 'import', huge], {
      GRILL_HOME: path.join(work, `huge-home-${i}`),
      GRILL_CONTENT: emptyContent,
      GRILL_NOW: new Date(NOW).toISOString(),
    }),
  );
  record(
    'import-huge',
    'grill import of one 5 MB deck (16k cards) into an empty database (whole process)',
    hugeRuns.map((r) => r.ms),
    hugeParse,
    {
      rss: hugeRuns[0].rssMb === null ? null : round(Math.max(...hugeRuns.map((r) => r.rssMb))),
      target: '≤ 3000 ms, peak RSS ≤ 400 MB',
    },
  );

  // ── the big collection: 10k cards, ~1M events ─────────────────────────────────
  log('building the 1M-event collection…');
  const home = path.join(work, 'big');
  const grill = Grill.open(home);
  grill.setSetting('max-interval', HISTORY_MAX_INTERVAL, START);
  importPaths(grill, [decks], START);
  // Through the engine's public door, as answers arrive from elsewhere: Grill.ingest, a batch per
  // transaction (each folded into the card states as it goes in), the write-ahead log folded back
  // after each so it stays small.
  const byCard = new Map();
  let batch = [];
  const ingest = () => {
    grill.ingest(batch);
    grill.checkpoint();
    batch = [];
  };
  const events = generateHistory(grill.deviceId, (e) => {
    batch.push(e);
    if (batch.length === 50_000) ingest();
    let list = byCard.get(e.cardKey);
    if (!list) {
      list = [];
      byCard.set(e.cardKey, list);
    }
    list.push([e.at, e.payload.rating]);
  });
  ingest();
  log(
    `  ${events} events, ${byCard.size} cards (${((performance.now() - started) / 1000).toFixed(1)} s so far)`,
  );

  // ── rebuild: every state from the log, against raw ts-fsrs replay in memory ───
  log('rebuild');
  const scheduler = historyScheduler();
  const rawReplay = await time(
    () => {
      for (const list of byCard.values()) {
        let card = createEmptyCard(list[0][0]);
        for (const [at, rating] of list) card = scheduler.next(card, at, rating).card;
      }
    },
    { runs: 1, warmup: 0 },
  );
  const rebuild = await time(() => grill.rebuildAll(), { runs: 1, warmup: 0 });
  record('rebuild', `rebuild every card state from ${events} events`, rebuild, rawReplay, {
    target: '≤ 1.5×',
  });
  byCard.clear();

  // ── answer: schedule + commit event + update state ────────────────────────────
  log('answer');
  const raw = new Database(path.join(work, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec(
    'CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, card_key TEXT, type TEXT, at INTEGER, device_id TEXT, payload TEXT)',
  );
  const rawInsert = raw.prepare(
    'INSERT INTO events (id, card_key, type, at, device_id, payload) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const rawTx = raw.transaction((args) => rawInsert.run(...args));
  let rawCard = createEmptyCard(NOW);
  const rawAnswer = await time(
    (i) => {
      rawCard = scheduler.next(rawCard, NOW + i * 60_000, 3).card;
      rawTx([`raw-${i}`, 'deck-1/q1', 'review', NOW + i * 60_000, 'dev', '{"rating":3,"durationMs":1000}']);
    },
    { runs: 500, warmup: 50 },
  );
  raw.close();
  const answer = await time(
    (i) =>
      grill.answer(`deck-${1 + (i % 100)}/q${1 + ((i * 7) % 100)}`, 1 + (i % 4), NOW + i * 1000, {
        durationMs: 5000,
      }),
    { runs: 500, warmup: 50 },
  );
  record('answer', 'answer one card (schedule, commit the event, update the state)', answer, rawAnswer, {
    target: 'p99 ≤ 1 ms; ratio ≤ 3',
  });

  // ── stats, in process, against one count(*) over the review log ────────────────
  log('stats');
  // The library underneath on its own: a second, read-only connection to the same file.
  const reader = new Database(path.join(home, 'grill.db'), { readonly: true });
  const countAll = reader.prepare('SELECT count(*) FROM review_cache');
  const countOnly = await time(() => countAll.get(), { runs: 20 });
  reader.close();
  const statsRun = await time(() => computeStats(grill, NOW), { runs: 20 });
  record('stats', 'grill stats on the 1M-event collection (in process)', statsRun, countOnly, {
    target: '≤ 5×',
  });
  // ── search: grill cards --search on 10k cards, against the same FTS5 query alone ──────────
  log('search');
  const ftsReader = new Database(path.join(home, 'grill.db'), { readonly: true });
  const ftsOnly = ftsReader.prepare(
    'SELECT rowid FROM card_search WHERE card_search MATCH \'"determinism"\' ORDER BY bm25(card_search, 5, 2, 1) LIMIT 50',
  );
  const rawSearch = await time(() => ftsOnly.all(), { runs: 20 });
  ftsReader.close();
  // Every one of the 10k cards has the word: the whole set is ranked, the best 50 listed.
  const search = await time(() => listCards(grill, NOW, { search: 'determinism', limit: 50 }), { runs: 20 });
  record(
    'search',
    'grill cards --search on 10k cards, every one a match, the best 50 (in process)',
    search,
    rawSearch,
    {
      target: '≤ 20 ms',
    },
  );

  // The FSRS optimizer on its own: one fit on the collection's training items (the library
  // underneath `grill optimize`, which judges a fit on the past before fitting on everything).
  log('optimizer baseline');
  const binding = await import(
    pathToFileURL(
      createRequire(path.join(ROOT, 'packages/core/package.json')).resolve('@open-spaced-repetition/binding'),
    )
  );
  let optimizerItems = (() => {
    const set = trainingSet(grill);
    return set.items.map(
      (item) =>
        new binding.FSRSBindingItem(
          set.sequences[item.card]
            .slice(0, item.length)
            .map((r) => new binding.FSRSBindingReview(r.rating, r.deltaT)),
        ),
    );
  })();
  const fitOnly = await time(
    () => binding.computeParameters(optimizerItems, { enableShortTerm: true, numRelearningSteps: 1 }),
    { runs: 1, warmup: 0 },
  );
  optimizerItems = null;
  grill.close();

  // ── whole-process commands, against `node -e 0` ───────────────────────────────
  log('whole-process commands');
  const gnu = hasGnuTime();
  const proc = gnu ? timeProcess : timeProcessPlain;
  const env = {
    GRILL_HOME: home,
    GRILL_NOW: new Date(NOW).toISOString(),
    GRILL_CONTENT: path.join(ROOT, 'content'),
  };
  proc(process.execPath, [GRILL, 'due'], env); // first run imports the bundled decks
  const nodeRuns = Array.from({ length: 15 }, () => proc(process.execPath, ['-e', '0']).ms);
  for (const [id, args, target] of [
    ['due', ['due', '--json'], '≤ 2.5×'],
    ['next', ['next', '--json'], '≤ 3×'],
    ['stats-cli', ['stats', '--json'], '—'],
  ]) {
    const runs = Array.from({ length: 15 }, () => proc(process.execPath, [GRILL, ...args], env));
    record(
      id,
      `grill ${args.join(' ')} on the 1M-event collection (whole process)`,
      runs.map((r) => r.ms),
      nodeRuns,
      {
        target,
        rss: gnu ? round(Math.max(...runs.map((r) => r.rssMb))) : null,
      },
    );
  }

  // grill simulate: 30 days of the 10k-card collection at four retentions (issue 15).
  const sims = Array.from({ length: 3 }, () => proc(process.execPath, [GRILL, 'simulate', '--json'], env));
  record(
    'simulate',
    'grill simulate --json: 30 days, 10k cards, 4 retentions (whole process)',
    sims.map((r) => r.ms),
    nodeRuns,
    {
      target: '—',
      rss: gnu ? round(Math.max(...sims.map((r) => r.rssMb))) : null,
    },
  );

  // grill optimize: fit, judge and (dry run) report on the 1M-event collection (issue 15).
  const optimizeRun = proc(process.execPath, [GRILL, 'optimize', '--dry-run', '--json'], env);
  record(
    'optimize',
    'grill optimize --dry-run --json on the 1M-event collection (whole process; baseline: one fit by the optimizer library on the same items)',
    [optimizeRun.ms],
    fitOnly,
    { target: '≤ 60 s, peak RSS ≤ 1 GB', rss: gnu ? round(optimizeRun.rssMb) : null },
  );

  // ── the terminal UI: first frame and memory over a session ─────────────────────
  log('terminal UI');
  const tui = await import('./tui-cases.mjs');
  const frames = [];
  for (let i = 0; i < 7; i++) frames.push(await tui.firstFrame(GRILL, env));
  record('first-frame', 'grill drill until the first card is on screen (whole process)', frames, nodeRuns, {
    target: '≤ 300 ms',
  });
  const session = await tui.sessionMemory(GRILL, env, 40);
  record('tui-memory', `a 40-card drill session on the big collection`, [session.ms], null, {
    rss: round(session.peakRssMb),
    target: 'peak RSS ≤ 150 MB',
  });

  // ── sync ──────────────────────────────────────────────────────────────────────
  log('sync');
  await syncCases({ work, record, log });
  log('server-push-pg');
  await serverPgCases({ work, record, log });
} finally {
  rmSync(work, { recursive: true, force: true });
}

const totalSeconds = (performance.now() - started) / 1000;
log(`done in ${totalSeconds.toFixed(1)} s`);
if (json)
  process.stdout.write(
    `${JSON.stringify(
      results.map(({ id, median_ms, p99_ms, baseline_ms, ratio, peak_rss_mb }) => ({
        id,
        median_ms,
        p99_ms,
        baseline_ms,
        ratio,
        peak_rss_mb,
      })),
      null,
      2,
    )}\n`,
  );
if (write) writeReport(totalSeconds);

function writeReport(seconds) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`pnpm bench --write\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}. The whole run took ${seconds.toFixed(0)} s.`,
    '',
    'Each case is measured next to a baseline run in the same process and moment: the raw speed of the library underneath, so the ratio says how much grill adds. Data: 10k cards in 100 generated deck files and ~1M review events from two simulated years (seeded, in a temp dir).',
    '',
    '| case | what | median | p99 | baseline | ratio | peak RSS | target |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...results.map(
      (r) =>
        `| \`${r.id}\` | ${r.what} | ${r.median_ms} ms | ${r.p99_ms} ms | ${r.baseline_ms === null ? '—' : `${r.baseline_ms} ms`} | ${r.ratio ?? '—'} | ${r.peak_rss_mb === null ? '—' : `${r.peak_rss_mb} MB`} | ${r.target} |`,
    ),
    '',
    'Baselines: `import-cold` — parsing the same files with commonmark.js alone (`import-huge`: the same file); `import-warm` — reading the files; `rebuild` — replaying the same events through ts-fsrs in memory; `answer` — ts-fsrs `next()` plus one better-sqlite3 insert in a transaction; `search` — the same FTS5 query alone, ranked and limited, on a second connection; `stats` — one `SELECT count(*)` over the review facts on a second, read-only connection (since schema 9 that table is keyed by card and event, and the count walks its wider covering index: compare `stats` medians across versions, not ratios); whole-process cases (`due`, `next`, `stats-cli`, `simulate`, `first-frame`) — `node -e 0`; `optimize` — one fit (`computeParameters`) by the FSRS optimizer library on the same training items, in process (grill adds judging the fit on a time split, which costs one more fit on 5/6 of the items); sync cases — see the table.',
    '',
  ];
  mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  writeFileSync(path.join(ROOT, 'docs/BENCHMARKS.md'), lines.join('\n'));
  log('wrote docs/BENCHMARKS.md');
}
