// The Hono environment shared by every route: the injected dependencies and, once the
// authentication middleware ran, who is calling and how.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/database';
import type { UserIdentity } from '../db/queries/users';
import type { RateLimiter, RateRule } from './rate-limit';
import type { RequestOrigin } from './request-origin';

export interface AppDeps {
  db: Db;
  temporal?: { client: Client; taskQueue: string };
  /** Named checks for /healthz and /readyz; each resolves true when that part works. */
  health?: () => Promise<Record<string, boolean>>;
  /** Absolute URL the app is reached at (links in the OpenAPI document, calendar feeds). */
  publicUrl?: string;
  /**
   * On the embedded demonstration, the demo accounts and their public password, which the
   * sign-in page shows (GET /api/instance); elsewhere none.
   */
  demo?: { password: string; accounts: { email: string; name: string; organization: string }[] };
  /** The built web application (index.html and assets), served at / when given. */
  webAppDir?: string;
  /**
   * Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses and
   * CIDR ranges, from TRUSTED_PROXIES); from any other peer those headers are ignored.
   */
  trustedProxies?: readonly string[];
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Per-user rate of /definitions/validate and /simulate calls (default DEFINITION_CHECKS). */
  definitionChecks?: RateRule;
  /** Waits (login throttling slows attempts down); tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

/** The caller, resolved from the session cookie or the Bearer token. */
export type CurrentUser = UserIdentity;

/** How the caller proved who they are; CSRF applies only to cookie sessions. */
export type AuthMethod =
  | { kind: 'session'; sessionId: string; csrfToken: string }
  | { kind: 'token'; tokenId: string };

export interface AppEnv {
  Variables: {
    deps: Required<Pick<AppDeps, 'db' | 'now' | 'sleep'>> & AppDeps;
    /** The client's address and whether it came over HTTPS, through the trusted proxies. */
    origin: RequestOrigin;
    /** This app's per-user buckets of definition checks. */
    definitionChecks: RateLimiter;
    user: CurrentUser | undefined;
    auth: AuthMethod | undefined;
  };
}
