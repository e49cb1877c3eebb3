import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console's production build (`npm start` runs it: services/network/src/consoleBuild.ts), served by the
 * gateway at `/`. `vite` (dev server) proxies the API to a running network's gateway.
 */
export default defineConfig({
  plugins: [react()],
  // The first screen's budget (300 KB of gzipped JavaScript) is measured by the browser test and in docs/benchmarks.md;
  // the minified size of the frame's chunk (React, the component library, the router) is not the measure.
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: Object.fromEntries(['/graphql', '/auth', '/exports'].map((p) => [p, process.env.TB_GATEWAY ?? 'http://127.0.0.1:4000'])),
  },
});
