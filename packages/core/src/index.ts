// The engine's light entry point: everything a command needs to open the database and answer.
// Parsing (markdown decks, setting values) is in './parse.js' so that it loads only when used.
export {
  choiceCorrect,
  clozeMatches,
  impliedRating,
  normalizeTyped,
  suggestRating,
  takesTyping,
  typedCorrect,
  typedMatches,
} from './deck/answer-check.js';
export { type ClozeMarks, clozeMarkdown } from './deck/cloze-markdown.js';
export { findDeckFiles } from './deck/find-deck-files.js';
export { isValidId, slugify } from './deck/ids.js';
export * from './deck/model.js';
export { checkAnswerDetail, judgedDetail } from './engine/answer-detail.js';
export { DEFAULT_SECONDS_PER_ANSWER, secondsPerAnswer } from './engine/answer-time.js';
export { type CardAnswer, type CardDetail, cardDetail, knownCard } from './engine/card-detail.js';
export {
  CARD_SORTS,
  CARD_STATE_FILTERS,
  type CardQuery,
  type CardSort,
  type CardStateFilter,
  type CardStatus,
  type CardSummary,
  listCards,
  PHASE_NAMES,
  type PhaseName,
} from './engine/card-list.js';
export { type ExamStatus, examStatus } from './engine/exam-status.js';
export { DERIVATION, Grill } from './engine/grill.js';
export { type HistoryEntry, history } from './engine/history.js';
export { type DeckImportSummary, DeckProblemsError, fileHash, importDecks } from './engine/import-decks.js';
export { type MockCandidate, mockInterview } from './engine/mock-interview.js';
export {
  type MockMissedPoint,
  type MockReport,
  type MockSessionSummary,
  type MockTopic,
  mockHistory,
  mockReport,
} from './engine/mock-report.js';
export {
  type Fit,
  MIN_REVIEWS,
  type OptimizeOptions,
  type OptimizeResult,
  optimize,
} from './engine/optimize.js';
export {
  itemReviews,
  MAX_ITEM_REVIEWS,
  type TrainingItem,
  type TrainingReview,
  type TrainingSet,
  trainingSet,
} from './engine/optimizer-items.js';
export {
  type Plan,
  type PlanGroup,
  type PlanOptions,
  plan,
} from './engine/plan.js';
export { percent } from './engine/plan-verdict.js';
export {
  type DailyQueue,
  type DeckDue,
  dailyQueue,
  LEARN_AHEAD_MS,
  nextEntry,
  type QueueEntry,
  type QueueFilter,
} from './engine/queue.js';
export { type DeckReadiness, type Readiness, readiness } from './engine/readiness.js';
export {
  type ReadinessDay,
  type ReadinessTrend,
  readinessHistory,
  readinessTrend,
} from './engine/readiness-history.js';
export type { CardRecord, DeckRecord, QuarantinedEvent } from './engine/records.js';
export { refreshBundledDecks } from './engine/refresh-bundled.js';
export { REVLOG_CSV_HEADER, revlogCsv } from './engine/revlog-csv.js';
export { type SimulateOptions, type SimulationResult, simulate } from './engine/simulate.js';
export { answersPerDay, computeStats, forecast, type Stats, streak, upcoming } from './engine/stats.js';
export { type StatsReport, statsReport } from './engine/stats-report.js';
export { aheadCards, cramCards, type Selection } from './engine/study-ahead.js';
export { type MissedGroup, type MissedPoint, type WeakSpots, weakSpots } from './engine/weak-spots.js';
export * from './errors.js';
export {
  applyEvent,
  CardPhase,
  type CardState,
  emptyState,
  foldEvents,
  previewRatings,
  type ReviewFact,
  retrievability,
} from './scheduler/card-state.js';
export {
  addDays,
  dayKey,
  dayStart,
  formatInterval,
  fromDayTime,
  isTimeZone,
  systemTimeZone,
  toDayTime,
} from './scheduler/day.js';
export * from './scheduler/events.js';
export { interleave, roundRobin } from './scheduler/queue-order.js';
export * from './scheduler/settings.js';
export { nextHlc } from './scheduler/settings-clock.js';
export { SCHEMA_VERSION } from './store/migrations.js';
export {
  type AddonInstall,
  addonInstall,
  type NativeLoadFailure,
  type NodeSetup,
  nativeLoadAdvice,
  nativeLoadFailure,
} from './store/native-addon.js';
export { type SyncStatus, syncStatus } from './sync/status.js';
export {
  controlPicture,
  describeControl,
  findControlCharacters,
  hasControlCharacters,
  terminalSafe,
} from './text/terminal-safe.js';
