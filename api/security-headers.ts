// Headers every response carries, whatever answered it (a route, an error, the web
// application's files): no MIME sniffing, no framing, no referrer sent to other sites, a
// Content-Security-Policy fit for the web application served from this process, HSTS when
// the browser came over HTTPS, and `Cache-Control: no-store` on the API, whose answers are
// personal (/api/me carries the CSRF token) unless a route chose its own caching.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env';
import { overHttps } from './request-origin';

/**
 * The web application loads only its own scripts; Mantine injects <style> tags and React Flow
 * sets style attributes at run time (hence 'unsafe-inline' for styles only); images may be
 * data: (the favicon) or blob: (diagram export); it talks to its own origin only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const HSTS = 'max-age=31536000';

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Referrer-Policy', 'no-referrer');
  if (overHttps(c.var.origin, c.var.deps.publicUrl)) headers.set('Strict-Transport-Security', HSTS);
  if (c.req.path.startsWith('/api/') && !headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
});
