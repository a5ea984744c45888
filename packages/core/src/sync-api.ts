// Sync and checking the review log against the sync protocol: a separate entry point from the
// engine because the protocol's validators (TypeBox) are large to load, and only `grill sync`,
// `grill doctor` and a drill that syncs need them.
export { type DoctorReport, doctor } from './engine/doctor.js';
export { invalidEvents, quarantineInvalidEvents } from './engine/quarantine.js';
export { SyncHttpClient, serverBase } from './sync/http-client.js';
export {
  ClockAheadRefusal,
  resetSyncState,
  type SyncResult,
  type SyncTransport,
  syncOnce,
} from './sync/sync.js';
