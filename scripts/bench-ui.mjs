// UI benchmark: builds, serves the production build, drives headless chromium (Debian's, via
// Playwright) on a generated topology of 500 nodes and 750 edges, and prints frame times
// (requestAnimationFrame deltas) while panning and while dragging a node far out (the
// overview), while zooming in across the low-detail threshold (the longest frame is the
// switch to full detail) and while panning zoomed in; then the share-link length for the
// bridge/NAT scenario. Before those, the first load (navigation to the first node painted, cold
// and warm, and the gzipped JS the page fetched by then); after them, the input latency while
// a layer-2 loop storms (e2e/robust-pressure.spec.ts makes the same storm and only reports it).
// --only=load,canvas,storm runs some of the three; NETLAB_BENCH_PORT moves the preview server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.NETLAB_BENCH_PORT ?? 4178);
const URL_ = `http://127.0.0.1:${PORT}/`;

// --no-build: reuse dist/ (repeat runs); --trace: main-thread CPU per frame and by phase (thread
// time: on a shared machine the frame times above are noisy, CPU time much less so)
const args = new Set(process.argv.slice(2));
const onlyArg = [...args].find((a) => a.startsWith('--only='));
const only = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : ['load', 'canvas', 'storm', 'big']);
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

/** gzip size of a built file (level 9, what a static host's precompressed files would be) */
const gzCache = new Map();
function gzipped(path) {
  if (!gzCache.has(path)) gzCache.set(path, existsSync(path) ? gzipSync(readFileSync(path), { level: 9 }).length : 0);
  return gzCache.get(path);
}

/**
 * one navigation: the time from navigation start to the first node painted (the frame after a
 * React Flow node entered the page), and the JS the page had fetched by then, by its built file
 */
async function firstLoad(page) {
  await page.goto(URL_);
  const r = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const done = () => {
          const t = window.__firstNode;
          const js = performance
            .getEntriesByType('resource')
            .filter((e) => /\.m?js(\?|$)/.test(e.name) && e.responseEnd <= t)
            .map((e) => ({ name: new URL(e.name).pathname, transfer: e.transferSize, encoded: e.encodedBodySize }));
          resolve({ t, js });
        };
        const wait = () => (window.__firstNode ? done() : setTimeout(wait, 20));
        wait();
      }),
  );
  const files = r.js.map((e) => ({ ...e, gzip: gzipped(join('dist', e.name)) }));
  return { ms: r.t, files, gzip: files.reduce((a, f) => a + f.gzip, 0), encoded: files.reduce((a, f) => a + f.encoded, 0) };
}

/** set before any script runs: when the first canvas node is painted */
const FIRST_NODE = () => {
  const seen = () => {
    if (window.__firstNode || !document.querySelector('.react-flow__node')) return false;
    requestAnimationFrame(() => {
      window.__firstNode ??= performance.now();
    });
    return true;
  };
  const mo = new MutationObserver(() => {
    if (seen()) mo.disconnect();
  });
  document.addEventListener('DOMContentLoaded', () => {
    if (!seen()) mo.observe(document.body, { childList: true, subtree: true });
  });
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function benchLoad(browser) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await ctx.addInitScript(FIRST_NODE);
  const page = await ctx.newPage();
  const cold = await firstLoad(page);
  const warm = [];
  for (let i = 0; i < 3; i++) warm.push((await firstLoad(page)).ms);
  warm.sort((a, b) => a - b);
  // the worker's script is fetched before the first node too: the first lab is built in it
  const worker = cold.files.filter((f) => /\/worker[-.]/.test(f.name)).reduce((a, f) => a + f.gzip, 0);
  console.log(
    `first load: first node painted ${cold.ms.toFixed(0)} ms after navigation cold, ${warm[1].toFixed(0)} ms warm (median of 3); ` +
      `${kb(cold.gzip)} of gzipped JS before it: ${kb(cold.gzip - worker)} for the page, ${kb(worker)} for the worker (${kb(cold.encoded)} as served)`,
  );
  for (const f of cold.files) console.log(`  ${f.name}: ${kb(f.gzip)} gzipped`);
  const all = existsSync('dist/assets') ? spawnSync('ls', ['dist/assets'], { encoding: 'utf8' }).stdout.split('\n') : [];
  const rest = all.filter((n) => /\.js$/.test(n) && !cold.files.some((f) => f.name.endsWith(`/${n}`)));
  if (rest.length)
    console.log(
      `  later (the worker, code loaded on first use): ${rest.map((n) => `${n} ${kb(gzipped(join('dist/assets', n)))}`).join(', ')}`,
    );
  await ctx.close();
}

/** a share link of a script, as the page encodes one (deflate-raw, base64url) */
function linkOf(script) {
  const b = deflateRawSync(Buffer.from(JSON.stringify({ v: 1, s: script, p: {} })));
  return `#v1.${b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** big labs opened from a link: the time until the lab is shown, and the main thread's longest tasks */
async function benchBig(browser) {
  const labs = {
    '4,000 namespaces': Array.from({ length: 4000 }, (_, i) => `ip netns add n${i}`),
    '3,000 namespaces on one bridge': [
      'ip link add br0 type bridge',
      'ip link set br0 up',
      ...Array.from({ length: 3000 }, (_, i) => [
        `ip netns add c${i}`,
        `ip link add v${i} type veth peer name eth0 netns c${i}`,
        `ip link set v${i} master br0`,
        `ip link set v${i} up`,
      ]).flat(),
    ],
  };
  for (const [name, script] of Object.entries(labs)) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await ctx.addInitScript(() => {
      window.__tasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__tasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(URL_ + linkOf(script));
    await page.waitForFunction(() => !!window.netlab);
    await page.evaluate(() => window.netlab.idle());
    await page.waitForFunction((n) => window.netlab.namespaces().length > n, script.length > 4000 ? 3000 : 4000, { timeout: 120_000 });
    await page.waitForTimeout(500);
    const ms = Date.now() - t0;
    const tasks = (await page.evaluate(() => window.__tasks)).sort((a, b) => b - a);
    const over = tasks.filter((d) => d > 200).length;
    console.log(
      `${name} from a link: shown in ${ms} ms; longest main-thread tasks ${tasks
        .slice(0, 3)
        .map((d) => d.toFixed(0))
        .join(', ')} ms; ${over} over 200 ms`,
    );
    await ctx.close();
  }
}

/** two bridges joined twice: a loop and no STP; a namespace on each bridge (shared with e2e) */
const LOOP = readFileSync('e2e/fixtures/storm-loop.sh', 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** input latency (event to next frame) while pings storm a layer-2 loop and a person clicks and types */
async function benchStorm(browser) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(URL_);
  await page.waitForFunction(() => !!window.netlab);
  await page.evaluate(() => window.netlab.idle());
  await page.evaluate((lines) => window.netlab.loadScript(lines), LOOP);
  await page.evaluate(() => window.netlab.idle());
  await page.evaluate(() => {
    window.__lat = [];
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask' });
    for (const type of ['pointerdown', 'keydown'])
      addEventListener(
        type,
        (e) => {
          const t0 = e.timeStamp;
          requestAnimationFrame(() => window.__lat.push(performance.now() - t0));
        },
        { capture: true },
      );
  });
  await page.getByRole('tablist', { name: 'Terminal namespace' }).getByRole('tab', { name: 'a', exact: true }).click();
  const terminal = page.getByLabel('Command in a');
  const rounds = 12;
  for (let i = 0; i < rounds; i++) {
    await terminal.pressSequentially('ping -c 2 10.0.0.2', { delay: 5 });
    await terminal.press('Enter');
    await page.getByTestId('node-a').locator('.card-title').click();
    await page.getByTestId('node-b').locator('.card-title').click();
    await page.getByRole('tab', { name: 'Script' }).click();
  }
  await page.evaluate(() => window.netlab.idle());
  const { lat, long } = await page.evaluate(() => ({ lat: window.__lat, long: window.__long }));
  const s = stats(lat);
  const storms = await page.evaluate(() => window.netlabTerminal.text('a').split('broadcast storm').length - 1);
  console.log(
    `input under a broadcast storm (${rounds} storming pings, ${storms} storms named, ${s.frames} inputs): ` +
      `input-to-frame p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms; ` +
      `${long.length} main-thread tasks over 50 ms (longest ${long.length ? Math.max(...long).toFixed(0) : 0} ms)`,
  );
  await page.close();
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
  if (only.has('load')) await benchLoad(browser);
  if (only.has('canvas')) await benchCanvas(browser);
  if (only.has('storm')) await benchStorm(browser);
  if (only.has('big')) await benchBig(browser);
  await browser.close();
} catch (e) {
  console.error(e);
  status = 1;
} finally {
  stop();
}
process.exit(status);

async function benchCanvas(browser) {
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
  await page.close();
}
