// End-to-end: a live mission with --view, the built viewer in headless Debian chromium (playwright-core): one instance per robot and site, robots move, the regret plot grows, controls pause the run, DAG players get their cards, no console errors; saves test-results/viewer.png.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { browserTestSkipReason, CHROMIUM_ARGS, requireBuiltViewer, startCliRun, startSyntheticRun, type Mission } from './launchers.js';

const skip = browserTestSkipReason();
if (skip) console.warn(`viewer e2e ${skip}`);

interface Probe {
  robotCount: number;
  siteCount: number;
  meshCounts: Record<string, number>;
  regretPoints: number;
  round: number;
  frames: number;
  status: { paused: boolean; finished: boolean; controllable: boolean } | null;
}

const probe = (page: Page) =>
  page.evaluate(() => {
    const v = (window as unknown as { __viewer: Probe }).__viewer;
    return { robotCount: v.robotCount, siteCount: v.siteCount, meshCounts: v.meshCounts, regretPoints: v.regretPoints, round: v.round, frames: v.frames, status: v.status };
  });
const positions = (page: Page) => page.evaluate(() => (window as unknown as { __viewer: { robotPositions(): ([number, number, number] | null)[] } }).__viewer.robotPositions());

/** Opens the viewer and collects console errors and page errors. */
async function openViewer(browser: Browser, url: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __viewer?: unknown }).__viewer !== undefined);
  return { page, errors };
}

describe.skipIf(skip !== null)('viewer in headless chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    requireBuiltViewer();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('graph mission (robots on sites)', () => {
    // The real coverage nodes (planner, environment, robots, monitor) of coverage-quick.yaml.
    const ROBOTS = 5;
    const SITES = 30;
    let mission: Mission;
    beforeAll(async () => {
      mission = await startCliRun('sim/scenarios/coverage-quick.yaml', ['--horizon', '5000', '--quiet']);
    });
    afterAll(async () => {
      await mission?.stop();
    });

    it('draws one instance per robot and site, moves robots, grows the regret plot, without console errors', async () => {
      const { page, errors } = await openViewer(browser, mission.url);
      await page.waitForFunction(
        ([r, s]) => {
          const v = (window as unknown as { __viewer: Probe }).__viewer;
          return v.robotCount === r && v.siteCount === s && v.regretPoints > 2;
        },
        [ROBOTS, SITES],
        { timeout: 20_000 },
      );
      const first = await probe(page);
      expect(first.robotCount).toBe(ROBOTS);
      expect(first.siteCount).toBe(SITES);
      expect(first.meshCounts.robots).toBe(ROBOTS);
      expect(first.meshCounts.sites).toBe(SITES);
      expect(first.meshCounts.edges).toBeGreaterThanOrEqual(SITES - 1);
      const p1 = await positions(page);
      expect(p1.every((p) => p !== null)).toBe(true);

      await page.waitForTimeout(1500);
      const second = await probe(page);
      const p2 = await positions(page);
      const moved = p1.filter((p, i) => Math.hypot(p![0] - p2[i]![0], p![1] - p2[i]![1], p![2] - p2[i]![2]) > 1e-3).length;
      expect(moved).toBeGreaterThan(0);
      expect(second.regretPoints).toBeGreaterThan(first.regretPoints);
      expect(second.round).toBeGreaterThan(first.round);
      expect(second.meshCounts.targetRings).toBeGreaterThan(0);
      expect(second.frames).toBeGreaterThan(5);

      // Hovering a site shows its label.
      const at = await page.evaluate(() => (window as unknown as { __viewer: { siteOnScreen(i: number): [number, number] | null } }).__viewer.siteOnScreen(0));
      await page.mouse.move(at![0], at![1]);
      await page.waitForSelector('#tooltip:not([hidden])', { timeout: 5000 });
      expect(await page.textContent('#tooltip')).toMatch(/^(site 0 \(node 0\)|robot \d+)/);
      await page.mouse.move(5, 400);

      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/viewer.png' });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('pauses and resumes the run from the page', async () => {
      const { page, errors } = await openViewer(browser, mission.url);
      await page.waitForFunction(() => (window as unknown as { __viewer: Probe }).__viewer.status !== null);
      await page.click('#play');
      await page.waitForFunction(() => (window as unknown as { __viewer: Probe }).__viewer.status?.paused === true);
      await page.waitForTimeout(300);
      const a = (await probe(page)).round;
      await page.waitForTimeout(700);
      expect((await probe(page)).round).toBe(a);
      await page.click('#play');
      await page.waitForFunction(() => (window as unknown as { __viewer: Probe }).__viewer.status?.paused === false);
      await page.waitForFunction((r) => (window as unknown as { __viewer: Probe }).__viewer.round > r, a, { timeout: 5000 });
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('every layer at once: laid-out graph, erasure star, job tree', () => {
    let mission: Mission;
    beforeAll(async () => {
      mission = await startSyntheticRun({ sites: 25, robots: 4, agents: 6, jobs: true, withPositions: false, speed: 4 });
    });
    afterAll(async () => {
      await mission?.stop();
    });

    it('draws the star with one agent per link, the tree with travelling jobs, and the link table', async () => {
      const { page, errors } = await openViewer(browser, mission.url);
      await page.waitForFunction(() => {
        const m = (window as unknown as { __viewer: Probe }).__viewer.meshCounts;
        return m.sites === 25 && m.robots === 4 && m.agents === 6 && m.stages >= 4 && m.jobs > 0;
      }, undefined, { timeout: 20_000 });
      expect(await page.isVisible('#linksSection')).toBe(true);
      expect(await page.locator('#linksBody tr').count()).toBe(6);
      expect(await page.isVisible('#learnerSection')).toBe(true);
      await page.waitForTimeout(800);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/viewer-layers.png' });
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('fleet-bandits run --view (CLI, DAG family)', () => {
    let mission: Mission;
    beforeAll(async () => {
      mission = await startCliRun('sim/scenarios/dag-quick.yaml', ['--algorithm', 'dag-exp3', '--realtime', '10', '--quiet']);
    });
    afterAll(async () => {
      await mission?.stop();
    });

    it('draws one card per player, the player table and the shared reward; hovering a card shows its policy', async () => {
      const { page, errors } = await openViewer(browser, mission.url);
      await page.waitForFunction(() => {
        const v = (window as unknown as { __viewer: Probe }).__viewer;
        return v.meshCounts.players === 3 && v.regretPoints > 2 && v.round > 5;
      }, undefined, { timeout: 20_000 });
      expect(await page.isVisible('#dagSection')).toBe(true);
      expect(await page.locator('#playersBody tr').count()).toBe(3);
      expect(await page.textContent('#playersBody')).toContain('leader');
      await page.waitForFunction(() => /mean \d\.\d{3} over \d+ rewarded rounds/.test(document.getElementById('sharedReward')?.textContent ?? ''), undefined, { timeout: 10_000 });
      expect(await page.isVisible('#learnerSection')).toBe(false);
      const at = await page.evaluate(() => (window as unknown as { __viewer: { playerOnScreen(i: number): [number, number] | null } }).__viewer.playerOnScreen(2));
      expect(at).not.toBeNull();
      await page.mouse.move(at![0], at![1]);
      await page.waitForSelector('#tooltip:not([hidden])', { timeout: 5000 });
      const tip = await page.textContent('#tooltip');
      expect(tip).toMatch(/^player 2: rear/);
      expect(tip).toContain('sees leader, follower');
      expect(tip).toMatch(/policy given leader=\d, follower=\d/);
      await page.mouse.move(5, 400);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/viewer-dag.png' });
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('fleet-bandits run --view (CLI, round-based family)', () => {
    let mission: Mission;
    beforeAll(async () => {
      mission = await startCliRun('sim/scenarios/single-agent.yaml', ['--horizon', '100000', '--quiet']);
    });
    afterAll(async () => {
      await mission?.stop();
    });

    it('serves the page, streams regret and the learner/agent star, and changes speed', async () => {
      const { page, errors } = await openViewer(browser, mission.url);
      await page.waitForFunction(() => {
        const v = (window as unknown as { __viewer: Probe }).__viewer;
        return v.regretPoints > 2 && v.meshCounts.agents === 1;
      }, undefined, { timeout: 20_000 });
      const first = await probe(page);
      expect(first.status?.controllable).toBe(true);
      await page.selectOption('#speed', '10');
      await page.waitForTimeout(1000);
      const second = await probe(page);
      // 10x real time at 0.1 s per round: about 100 rounds per second.
      expect(second.round - first.round).toBeGreaterThan(30);
      expect(second.regretPoints).toBeGreaterThan(first.regretPoints);
      expect(await page.isVisible('#learnerSection')).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
