// The example is the single file main.ts; this name stays for code that imports `src/app`.
export { buildApp } from './main';
