// Builds the web app into dist/web, which `custodian serve` serves (src/http/web.ts).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Inlined assets would be data: URLs, which the Content-Security-Policy refuses for fonts.
    assetsInlineLimit: 0,
    // The country outlines of the map (Natural Earth 1:50m) are one chunk of about 760 kB, loaded lazily.
    chunkSizeWarningLimit: 800,
  },
  // `npm run dev:web` next to `custodian serve` on :8080: the API keeps its own origin rules.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
