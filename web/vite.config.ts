import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Nothing inlined as data: URIs: the Content-Security-Policy allows fonts from the app's origin only.
    assetsInlineLimit: 0,
  },
});
