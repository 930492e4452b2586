// The service worker that keeps netlab working offline after the first visit: a classroom on
// poor Wi-Fi loads the page, the simulation worker and every panel from this browser's cache.
//
// The build writes it to /sw.js with the list of every file of that build (PRECACHE) and a
// version derived from that list. Installing a version caches all of its files; the new version
// takes over once no tab runs the old one (the browser's default), so a page never mixes files
// of two builds; then the old version's cache is deleted.
//
// Requests: a page navigation gets the cached page (the lab is all client-side; a share link is
// in the fragment, a lesson link too), every file of the build comes from the cache, anything
// else from the network, cached on the way if it is ours (a file this list does not know).

/// <reference lib="webworker" />

declare const PRECACHE: readonly string[];
declare const VERSION: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `netlab-${VERSION}`;

/** what a request is answered with: the cached page, a cached file, or the network */
type Answer = 'page' | 'cache-first' | 'network';

/** how a request is answered */
function answerFor(method: string, mode: string, url: URL, origin: string): Answer {
  if (method !== 'GET' || url.origin !== origin) return 'network';
  if (mode === 'navigate') return 'page';
  return 'cache-first';
}

async function cachedPage(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match('./', { ignoreVary: true });
  if (hit) return hit;
  return fetch(request);
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // a module script is asked for with an Origin header that the precache request had not:
  // the server's "Vary: Origin" must not turn that into a miss
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === 'basic') await cache.put(request, res.clone());
  return res;
}

sw.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE.map((f) => new Request(f, { cache: 'reload' })))));
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('netlab-') && key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  const how = answerFor(e.request.method, e.request.mode, url, sw.location.origin);
  if (how === 'page') e.respondWith(cachedPage(e.request));
  else if (how === 'cache-first') e.respondWith(cacheFirst(e.request));
});

// a module to the type checker (its names stay its own); the build removes this line, as a
// service worker is a classic script
export {};
