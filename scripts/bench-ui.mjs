// UI benchmark: builds, serves the production build, drives headless chromium (Debian's, via
// Playwright) on a generated topology of 500 nodes and 750 edges, and prints frame times
// (requestAnimationFrame deltas) while panning and while dragging a node far out (the
// overview), while zooming in across the low-detail threshold (the longest frame is the
// switch to full detail) and while panning zoomed in; then the share-link length for the
// bridge/NAT scenario.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = 4178;
const URL_ = `http://127.0.0.1:${PORT}/`;

// --no-build: reuse dist/ (repeat runs); --trace: main-thread CPU per frame and by phase (thread
// time: on a shared machine the frame times above are noisy, CPU time much less so)
const args = new Set(process.argv.slice(2));
if (!args.has('--no-build')) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
  stdio: 'ignore',
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
};
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(URL_)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('preview server did not start');
}

/** 1 host box + 99 bridges + 400 namespaces = 500 nodes; 400 + 350 veth pairs = 750 edges */
function generated() {
  const lines = [];
  for (let b = 0; b < 99; b++) lines.push(`ip link add br${b} type bridge`, `ip link set br${b} up`);
  for (let i = 0; i < 400; i++) {
    lines.push(`ip netns add c${i}`);
    lines.push(`ip link add h${i} type veth peer name eth0 netns c${i}`, `ip link set h${i} master br${i % 99}`, `ip link set h${i} up`);
    lines.push(`ip -n c${i} addr add 10.${Math.floor(i / 250)}.${i % 250}.2/16 dev eth0`, `ip -n c${i} link set eth0 up`);
  }
  for (let i = 0; i < 350; i++) lines.push(`ip -n c${i} link add x${i} type veth peer name y${i} netns c${i + 1}`);
  return lines;
}

function stats(deltas) {
  const s = [...deltas].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { frames: s.length, p50: q(0.5).toFixed(1), p95: q(0.95).toFixed(1), max: (s[s.length - 1] ?? NaN).toFixed(1) };
}

/** main-thread CPU time per frame (thread time, so less sensitive to a busy machine), by phase */
const PHASES = ['FunctionCall', 'HitTest', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize'];
function breakdown(json, frames) {
  const events = JSON.parse(json).traceEvents ?? [];
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const by = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !main || e.pid !== main.pid || e.tid !== main.tid || e.tdur === undefined) continue;
    if (e.name === 'ThreadControllerImpl::RunTask' || PHASES.includes(e.name)) by.set(e.name, (by.get(e.name) ?? 0) + e.tdur / 1000);
  }
  const per = (n) => ((by.get(n) ?? 0) / frames).toFixed(1);
  return `${per('ThreadControllerImpl::RunTask')} ms/frame (${PHASES.map((n) => `${n} ${per(n)}`).join(', ')})`;
}

async function measure(page, action) {
  if (args.has('--trace'))
    await page
      .context()
      .browser()
      .startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await page.evaluate(() => {
    const w = window;
    w.__frames = [];
    w.__run = true;
    let last = performance.now();
    const tick = (t) => {
      w.__frames.push(t - last);
      last = t;
      if (w.__run) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
  });
  await action();
  const frames = await page.evaluate(() => {
    window.__run = false;
    return window.__frames.slice(1);
  });
  if (args.has('--trace'))
    console.log('  main-thread CPU: ' + breakdown((await page.context().browser().stopTracing()).toString(), frames.length));
  return frames;
}

let status = 0;
try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(URL_);
  await page.waitForFunction(() => !!window.netlab);
  await page.evaluate(() => window.netlab.idle());
  const t0 = Date.now();
  await page.evaluate((lines) => window.netlab.loadScript(lines), generated());
  await page.evaluate(() => window.netlab.idle());
  const counts = await page.evaluate(() => ({ nodes: window.netlab.nodes().length, edges: window.netlab.edges().length }));
  console.log(`topology: ${counts.nodes} nodes, ${counts.edges} edges (loaded and laid out in ${Date.now() - t0} ms)`);
  // the layout alone (derive the graph from the snapshot, lay every node out): what a new
  // lab, a link or Tidy up costs on the main thread
  const layoutMs = await page.evaluate(() => window.netlab.layoutMs(9));
  console.log(`layout of the whole lab: ${layoutMs.toFixed(1)} ms (median of 9)`);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.waitForTimeout(800);

  const box = await page.getByTestId('canvas').boundingBox();
  const runPan = async () => {
    const x = box.x + 12;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 0; i < 120; i++) await page.mouse.move(x + i * 4, y + Math.sin(i / 10) * 40);
    await page.mouse.up();
  };
  const pan = stats(await measure(page, runPan));
  console.log(`pan  (all 500 nodes in view): p50 ${pan.p50} ms, p95 ${pan.p95} ms, max ${pan.max} ms over ${pan.frames} frames`);

  // zoom in to working size, then drag one container around
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.waitForTimeout(300);
  const title = page.locator('.react-flow__node-card .card-title').first();
  await title.scrollIntoViewIfNeeded();
  const runDrag = async () => {
    const b = await title.boundingBox();
    const x = b.x + b.width / 2;
    const y = b.y + b.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 0; i < 120; i++) await page.mouse.move(x + i * 3, y + Math.cos(i / 8) * 30);
    await page.mouse.up();
  };
  const drag = stats(await measure(page, runDrag));
  console.log(`drag (one node, all in view):  p50 ${drag.p50} ms, p95 ${drag.p95} ms, max ${drag.max} ms over ${drag.frames} frames`);

  // in to a working zoom, across the low-detail threshold (0.4), where only part of the
  // topology is drawn
  const runZoomIn = async () => {
    for (let i = 0; i < 8; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.waitForTimeout(300);
  };
  const zoomIn = stats(await measure(page, runZoomIn));
  console.log(`zoom in across the threshold:  max ${zoomIn.max} ms over ${zoomIn.frames} frames`);
  const pan2 = stats(await measure(page, runPan));
  console.log(`pan  (zoomed in):              p50 ${pan2.p50} ms, p95 ${pan2.p95} ms, max ${pan2.max} ms over ${pan2.frames} frames`);

  // link length for the bridge/NAT scenario
  const scen = ['conformance/scenarios/02-bridge-nat-portmap.sh', '../shared/conformance/scenarios/02-bridge-nat-portmap.sh'].find((p) =>
    existsSync(p),
  );
  const text = readFileSync(scen, 'utf8');
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  await page.evaluate((l) => window.netlab.loadScript(l), lines);
  await page.evaluate(() => window.netlab.idle());
  const link = await page.evaluate(() => window.netlab.shareLink());
  const fragment = link.slice(link.indexOf('#'));
  console.log(`share link for ${scen}: ${link.length} characters (fragment ${fragment.length})`);
  await browser.close();
} catch (e) {
  console.error(e);
  status = 1;
} finally {
  stop();
}
process.exit(status);
