import { randomUUID } from 'node:crypto';
import {
  type LoginRequest,
  type LoginResponse,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  USERNAME_PATTERN,
} from '@grill/protocol';
import { ConflictError, InvalidInputError, UnauthorizedError } from './errors.js';
import { type LoginThrottle, TooManyAttemptsError, UNTHROTTLED } from './login-throttle.js';
import { hashPassword, newSalt, type ScryptCost, verifyPassword } from './passwords.js';
import type { ServerStore, UserRecord } from './store.js';
import { generateToken, hashToken } from './tokens.js';

const usernamePattern = new RegExp(USERNAME_PATTERN);
const LOGIN_FAILED = 'invalid username or password';

export function checkUsername(name: string): void {
  if (!usernamePattern.test(name)) {
    throw new InvalidInputError(
      'bad-username',
      `username must be 1-64 characters of letters, digits, '.', '_' or '-' (got ${JSON.stringify(name)})`,
    );
  }
}

export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(
      'bad-password',
      `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new InvalidInputError('bad-password', `password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  }
}

export interface AccountsOptions {
  scryptCost: ScryptCost;
  /** The clock, read once per sign-up or login. */
  now: () => number;
  /** Limits on attempts; none by default (for `grill-server user add`). */
  throttle?: LoginThrottle;
  /** How long a new token lasts; unset: until revoked. */
  tokenLifetimeMs?: number;
}

/** Sign-up and login, shared by the HTTP routes and the `user add` command. */
export class Accounts {
  // Hashing against this when the user does not exist makes that case cost the same as a wrong password.
  private readonly dummySalt = newSalt();
  private readonly cost: ScryptCost;
  private readonly now: () => number;
  private readonly throttle: LoginThrottle;
  private readonly tokenLifetimeMs: number | undefined;

  constructor(
    private readonly store: ServerStore,
    options: AccountsOptions,
  ) {
    this.cost = options.scryptCost;
    this.now = options.now;
    this.throttle = options.throttle ?? UNTHROTTLED;
    this.tokenLifetimeMs = options.tokenLifetimeMs;
  }

  /** Creates an account; names differing only in case are one name (409). */
  async create(username: string, password: string): Promise<UserRecord> {
    checkUsername(username);
    checkPassword(password);
    const hash = await hashPassword(password, this.cost);
    const user = await this.store.createUser({ name: username, password: hash, createdAt: this.now() });
    if (!user) throw new ConflictError('username-taken', `username '${username}' is already taken`);
    return user;
  }

  /** Sign-up from the network: counted against the address's limit first. */
  async register(username: string, password: string, address: string): Promise<UserRecord> {
    const refusal = await this.throttle.beginRegistration(address, this.now());
    if (refusal) throw TooManyAttemptsError.of(refusal);
    return this.create(username, password);
  }

  /**
   * Checks the password (unless the throttle refuses first) and issues a new token for the device,
   * revoking the one it `replaces` if that is the same user's; the token is returned only here.
   */
  async login(request: LoginRequest, address: string): Promise<LoginResponse> {
    const now = this.now();
    const refusal = await this.throttle.beginLogin(address, request.username, now);
    if (refusal) throw TooManyAttemptsError.of(refusal);
    const user = await this.store.findUserByName(request.username);
    if (!user) {
      await hashPassword(request.password, this.cost, this.dummySalt);
      throw new UnauthorizedError('login-failed', LOGIN_FAILED);
    }
    if (!(await verifyPassword(request.password, user.password))) {
      throw new UnauthorizedError('login-failed', LOGIN_FAILED);
    }
    await this.throttle.loginSucceeded(address, request.username, now);
    const token = generateToken();
    const tokenId = randomUUID();
    await this.store.createToken(
      {
        id: tokenId,
        userId: user.id,
        tokenHash: hashToken(token),
        device: request.device,
        createdAt: now,
        expiresAt: this.tokenLifetimeMs === undefined ? null : now + this.tokenLifetimeMs,
      },
      request.replaces,
    );
    return { token, tokenId, username: user.name };
  }
}
