import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { transformWithOxc } from 'vite';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * The Content-Security-Policy of the built page: its own scripts only (no inline script, no
 * eval, no remote origin), the simulation worker from the same origin, nothing fetched from
 * elsewhere. Inline styles stay allowed: React Flow positions every node and edge with a
 * style attribute. Added at build time only: the dev server injects an inline script for
 * React refresh.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function csp(): Plugin {
  return {
    name: 'netlab-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

/**
 * The service worker (src/offline/sw.ts) written to /sw.js with the list of every file of this
 * build and a version derived from it, so that a new build is a new cache. Source maps are left
 * out: they are not needed to run the lab.
 */
function offline(): Plugin {
  return {
    name: 'netlab-offline',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'index.html');
      const pub = readdirSync('public').sort();
      const files = ['./', ...built.sort(), ...pub];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const src = readFileSync('src/offline/sw.ts', 'utf8');
      const { code } = await transformWithOxc(src, 'sw.ts', { lang: 'ts' });
      const body = code.replace(/^export \{\};?\s*$/m, '');
      const head = `const PRECACHE = ${JSON.stringify(files)};\nconst VERSION = ${JSON.stringify(version)};\n`;
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: head + body });
    },
  };
}

export default defineConfig({
  plugins: [react(), csp(), offline()],
  worker: { format: 'es' },
  // the page's own file is ~520 kB before gzip (React, React Flow, the canvas): split further it
  // would only add requests to the first load
  build: { chunkSizeWarningLimit: 600 },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60000,
  },
});
