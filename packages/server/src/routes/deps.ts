import type { Accounts } from '../accounts.js';
import type { ServerStore } from '../store.js';

/** What the route modules need, built once by buildApp. */
export interface RouteDeps {
  store: ServerStore;
  accounts: Accounts;
  now: () => number;
  openRegistration: boolean;
}
