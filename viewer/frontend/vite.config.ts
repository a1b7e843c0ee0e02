import {defineConfig} from 'vite';

// The bundle lands inside the Python package (viewer/static) so users need no Node.
export default defineConfig({
  base: './',
  build: {
    outDir: process.env.DATAMAP_VIEWER_OUT || '../static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: !!process.env.DATAMAP_SOURCEMAP,
  },
});
