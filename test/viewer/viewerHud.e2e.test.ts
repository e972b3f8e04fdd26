// End-to-end in headless Debian chromium (playwright-core): a live run waits for the page, so its first frame is round 0; an erasure replay opens paused at round 0 with its learner estimates ("not sampled" for arms without one), agent labels and ground truth; the HUD panels never overlap at 800 x 500. Saves test-results/viewer-hud-*.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { browserTestSkipReason, CHROMIUM_ARGS, requireBuiltViewer, startCliReplay, startCliRun, type Mission } from './launchers.js';

const skip = browserTestSkipReason();
if (skip) console.warn(`viewer HUD e2e ${skip}`);

interface Handle {
  round: number;
  firstRound: number | null;
  robotCount: number;
  meshCounts: Record<string, number>;
  status: { paused: boolean; mode: string } | null;
}
const viewer = (page: Page) => page.evaluate(() => {
  const v = (window as unknown as { __viewer: Handle }).__viewer;
  return { round: v.round, firstRound: v.firstRound, robotCount: v.robotCount, meshCounts: v.meshCounts, status: v.status };
});

async function open(browser: Browser, url: string, width: number, height: number) {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __viewer?: unknown }).__viewer !== undefined);
  return { page, errors };
}

/** Bounding boxes of the visible HUD panels, and every pair that overlaps. */
async function panelOverlaps(page: Page) {
  return page.evaluate(() => {
    const boxes = ['hud', 'plotPanel', 'side', 'timeline']
      .map((id) => ({ id, el: document.getElementById(id)! }))
      .filter(({ el }) => !el.hidden && getComputedStyle(el).display !== 'none')
      .map(({ id, el }) => ({ id, r: el.getBoundingClientRect() }));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push(`${boxes[i].id} / ${boxes[j].id}`);
      }
    }
    const outside = boxes.filter(({ r }) => r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight).map(({ id }) => id);
    return { visible: boxes.map((b) => b.id), overlaps, outside };
  });
}

describe.skipIf(skip !== null)('viewer HUD in headless chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    requireBuiltViewer();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('live run (coverage, run --view waits for the page)', () => {
    let mission: Mission;
    beforeAll(async () => {
      mission = await startCliRun('sim/scenarios/coverage-quick.yaml', ['--horizon', '5000', '--quiet']);
      // Were the run not waiting, it would be tens of rounds in by the time the page connects.
      await new Promise((r) => setTimeout(r, 1500));
    });
    afterAll(async () => {
      await mission?.stop();
    });

    it('shows round 0 first, fits 800 x 500, and overlays the optimal allocation', async () => {
      const { page, errors } = await open(browser, mission.url, 800, 500);
      await page.waitForFunction(() => (window as unknown as { __viewer: Handle }).__viewer.robotCount === 5, undefined, { timeout: 15_000 });
      expect((await viewer(page)).firstRound).toBeLessThanOrEqual(2);
      await page.waitForFunction(() => (window as unknown as { __viewer: Handle }).__viewer.round > 3, undefined, { timeout: 10_000 });
      const layout = await panelOverlaps(page);
      expect(layout.visible).toEqual(expect.arrayContaining(['hud', 'plotPanel']));
      expect(layout.overlaps).toEqual([]);
      expect(layout.outside).toEqual([]);
      await page.check('#truth');
      await page.waitForFunction(() => (window as unknown as { __viewer: Handle }).__viewer.meshCounts.optimalRings > 0);
      expect(await page.textContent('#truthInfo')).toMatch(/OPT \d+\.\d+ \/ step · robots now: regret \d/);
      expect((await panelOverlaps(page)).overlaps).toEqual([]);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/viewer-hud-live-800x500.png' });
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('erasure replay (view --replay)', () => {
    let dir: string;
    let mission: Mission;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'viewer-hud-'));
      const file = join(dir, 'erasure.mcap');
      const r = runCli(['run', 'sim/scenarios/erasure-quick.yaml', '--record', file, '--horizon', '300', '-q']);
      if (r.code !== 0) throw new Error(`recording failed: ${r.stderr}`);
      mission = await startCliReplay(file);
    });
    afterAll(async () => {
      await mission?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('opens paused at round 0 with agents, labels and learner estimates ("not sampled" too); panels apart at 800 x 500', async () => {
      const { page, errors } = await open(browser, mission.url, 800, 500);
      await page.waitForFunction(() => {
        const v = (window as unknown as { __viewer: Handle }).__viewer;
        return v.status !== null && v.meshCounts.agents === 4;
      }, undefined, { timeout: 15_000 });
      const first = await viewer(page);
      expect(first.status).toMatchObject({ mode: 'replay', paused: true });
      expect(first.round).toBe(0);
      expect(first.meshCounts.labels).toBe(5); // four agents and the learner
      expect(await page.textContent('#play')).toContain('play');
      await page.waitForSelector('#learnerSection:not([hidden])');
        // Before any reward, no arm has an estimate (NaN on the wire, kept since LearnerState allows it).
      expect((await page.textContent('#learner'))!.match(/not sampled/g)).toHaveLength(5);
      expect(await page.textContent('#tlTime')).toMatch(/^0\.0 \/ 29\.\d s$/); // t = 0 is the first frame
      await page.waitForTimeout(500);
      expect((await viewer(page)).round).toBe(0); // paused: nothing moves
      const layout = await panelOverlaps(page);
      expect(layout.visible).toEqual(['hud', 'plotPanel', 'side', 'timeline']);
      expect(layout.overlaps).toEqual([]);
      expect(layout.outside).toEqual([]);

      await page.check('#truth');
      await page.waitForSelector('#truthInfo:not([hidden])');
      expect(await page.textContent('#truthInfo')).toMatch(/best arm \d \(μ \d\.\d{3}\) · agents now: regret \d/);
      expect(await page.locator('#learner .truemark').count()).toBeGreaterThan(0);
      expect((await panelOverlaps(page)).overlaps).toEqual([]);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/viewer-hud-erasure-800x500.png' });

      // The toggle hides every panel but the HUD.
      await page.click('#panels');
      expect((await panelOverlaps(page)).visible).toEqual(['hud', 'timeline']);
      await page.click('#panels');

      // BatchSP2 first estimates its arms at the end of its first batch (round 50 or so): play at 10x.
      await page.selectOption('#speed', '10');
      await page.click('#play');
      await page.waitForFunction(() => (window as unknown as { __viewer: Handle }).__viewer.round > 3, undefined, { timeout: 5000 });
      // Estimates with their observation counts once rewards arrive.
      await page.waitForFunction(() => /\d\.\d{3} \(\d+\)/.test(document.getElementById('learner')!.textContent ?? ''), undefined, { timeout: 5000 });
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
