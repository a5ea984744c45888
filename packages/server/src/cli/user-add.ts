import { Accounts, checkPassword } from '../accounts.js';
import { DEFAULT_SCRYPT_COST } from '../passwords.js';
import { describeDb, resolveDb } from './db-path.js';
import { openStore } from './open-store.js';
import { promptNewPassword, readPasswordFromStdin } from './read-password.js';

export interface UserAddOptions {
  db?: string;
  passwordStdin?: boolean;
}

/** `grill-server user add NAME`: creates an account, the only way to when registration is closed. */
export async function userAdd(name: string, options: UserAddOptions): Promise<void> {
  const target = resolveDb(options.db);
  const password = options.passwordStdin ? await readPasswordFromStdin() : await promptNewPassword();
  checkPassword(password);
  const store = await openStore(target, { max: 1 });
  try {
    await new Accounts(store, { scryptCost: DEFAULT_SCRYPT_COST, now: Date.now }).create(name, password);
  } finally {
    await store.close();
  }
  process.stdout.write(`created user ${name} in ${describeDb(target)}\n`);
}
