import type { ProjectOptions } from '../options';

/**
 * vitest.config.ts: vitest compiles with esbuild, which emits no decorator metadata, so
 * unplugin-swc compiles the TypeScript instead (it reads the decorator flags from tsconfig).
 */
export function vitestConfig(options: ProjectOptions): string | undefined {
  if (options.runner !== 'vitest') return undefined;
  return `import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [swc.vite()],
  test: { include: ['test/**/*.test.ts'] },
});
`;
}
