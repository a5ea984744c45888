import { randomUUID } from 'node:crypto';
import { ConflictError, InvalidInputError, UnauthorizedError } from './errors.js';
import { hashPassword, newSalt, type ScryptCost, verifyPassword } from './passwords.js';
import {
  type LoginRequest,
  type LoginResponse,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  USERNAME_PATTERN,
} from './protocol.js';
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

/** Sign-up and login, shared by the HTTP routes and the `user add` command. */
export class Accounts {
  // Hashing against this when the user does not exist makes that case cost the same as a wrong password.
  private readonly dummySalt = newSalt();

  constructor(
    private readonly store: ServerStore,
    private readonly cost: ScryptCost,
    private readonly now: () => number,
  ) {}

  async create(username: string, password: string): Promise<UserRecord> {
    checkUsername(username);
    checkPassword(password);
    const hash = await hashPassword(password, this.cost);
    const user = await this.store.createUser({ name: username, password: hash, createdAt: this.now() });
    if (!user) throw new ConflictError('username-taken', `username '${username}' is already taken`);
    return user;
  }

  /** Checks the password and issues a new token for the device; the token is returned only here. */
  async login(request: LoginRequest): Promise<LoginResponse> {
    const user = await this.store.findUserByName(request.username);
    if (!user) {
      await hashPassword(request.password, this.cost, this.dummySalt);
      throw new UnauthorizedError('login-failed', LOGIN_FAILED);
    }
    if (!(await verifyPassword(request.password, user.password))) {
      throw new UnauthorizedError('login-failed', LOGIN_FAILED);
    }
    const token = generateToken();
    const tokenId = randomUUID();
    await this.store.createToken({
      id: tokenId,
      userId: user.id,
      tokenHash: hashToken(token),
      device: request.device,
      createdAt: this.now(),
    });
    return { token, tokenId, username: user.name };
  }
}
