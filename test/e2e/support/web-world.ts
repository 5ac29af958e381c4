// The browser tests' world: the real stack (Temporal dev server, PostgreSQL, SMTP, worker),
// the demo world seeded through the same door as `npm start`, the built web application
// served by the API's own process on a free port, and Debian's Chromium driven by
// playwright-core (no browser download). `useWebWorld()` registers the hooks of a test file.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../../api/app';
import { DEMO_PASSWORD, DEMO_SIGN_IN, DEMO_USERS, type DemoUser } from '../../../stack/demo/directory';
import { seedDemoWorld } from '../../../stack/demo/world';
import { ensureWebAppBuilt } from '../../../stack/web-build';
import { freePort } from '../../../stack/temporal-dev-server';
import { TASK_QUEUE } from '../../../temporal.config';
import { useIntegration, type IntegrationContext } from '../../support/integration';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

// The flags ../shared/STACK.md lists: this machine's network is closed, so Chromium's
// background connections must stay off.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const VIEWPORTS = {
  laptop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export interface WebWorld {
  ctx: IntegrationContext;
  url: string;
  browser: Browser;
  /** A fresh browser profile (no cookies) at a viewport. */
  newPage(viewport?: keyof typeof VIEWPORTS): Promise<Page>;
  /** A fresh page signed in as a demo account through the sign-in form. */
  signIn(user: DemoUser, viewport?: keyof typeof VIEWPORTS, next?: string): Promise<Page>;
}

export function useWebWorld(): WebWorld {
  const ctx = useIntegration();
  const world = { ctx } as WebWorld;
  let server: ServerType | undefined;
  const contexts: BrowserContext[] = [];
  // The server's Content-Security-Policy must not block anything the application does:
  // Chromium reports each refusal on the console, and the file fails if there was one.
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium est introuvable à ${CHROMIUM} : installez-le (apt-get install chromium) ou indiquez CHROMIUM_PATH.`);
    const [webAppDir] = await Promise.all([
      ensureWebAppBuilt(),
      seedDemoWorld({ db: ctx.db, client: ctx.temporal.client, taskQueue: TASK_QUEUE }),
      mkdir(SCREENSHOTS_DIR, { recursive: true }),
    ]);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const app = createApp({ db: ctx.db, temporal: { client: ctx.temporal.client, taskQueue: TASK_QUEUE }, publicUrl: url, webAppDir, demo: DEMO_SIGN_IN });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    Object.assign(world, {
      url,
      browser,
      async newPage(viewport: keyof typeof VIEWPORTS = 'laptop') {
        const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'fr-FR', timezoneId: 'Europe/Paris', baseURL: url });
        contexts.push(context);
        const page = await context.newPage();
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
        });
        return page;
      },
      async signIn(user: DemoUser, viewport: keyof typeof VIEWPORTS = 'laptop', next?: string) {
        const page = await world.newPage(viewport);
        await page.goto(next ? `/connexion?suite=${encodeURIComponent(next)}` : '/connexion');
        await page.getByLabel('Adresse e-mail').fill(DEMO_USERS[user].email);
        await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
        return page;
      },
    } satisfies Omit<WebWorld, 'ctx'>);
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await world.browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (cspViolations.length > 0) throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
  });
  return world;
}

/** A full-page screenshot in test-results/screenshots/<name>.png, to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // From the top, so the sticky header sits where a person sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}
