// Failures that mean "a service we depend on cannot be reached right now" rather than a
// bug: PostgreSQL refusing or dropping connections, or timing out on one, and Temporal's
// gRPC answering UNAVAILABLE or running out of time. The API answers these 503 (problem
// `unavailable`) so clients retry, never 500.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now), 53300 (too many connections).
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const PG_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout|Client has encountered a connection error/i;
// gRPC status codes: 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE.
const GRPC_UNAVAILABLE = new Set([4, 14]);

export type Dependency = 'database' | 'temporal';

/** Which dependency the error says is unreachable, or undefined for any other error. */
export function unreachableDependency(error: unknown, depth = 0): Dependency | undefined {
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  const e = error as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  const isGrpc = e.name === 'ServiceError' || /grpc|14 UNAVAILABLE|4 DEADLINE_EXCEEDED/i.test(message);
  if (typeof e.code === 'number' && GRPC_UNAVAILABLE.has(e.code)) return 'temporal';
  if (isGrpc && /UNAVAILABLE|DEADLINE_EXCEEDED|Failed to connect|connection refused/i.test(message)) return 'temporal';
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code))) return isGrpc ? 'temporal' : 'database';
  if (PG_MESSAGES.test(message)) return 'database';
  return unreachableDependency(e.cause, depth + 1);
}
