/** .gitignore of the generated project. */
export const GITIGNORE = `node_modules/
dist/
coverage/
*.tsbuildinfo
.env
`;

/** README.md of the generated project: the commands, nothing else. */
export function readme(name: string, runner: string): string {
  return `# ${name}

An API built with Trellis (\`@trellis/fastify\`).

| command | what it does |
| --- | --- |
| \`npm run dev\` | serves \`src/app.ts\` on http://127.0.0.1:8000 (docs at /docs), restarting on every change |
| \`npm test\` | runs the tests in \`test/\` (${runner}) |
| \`npm run typecheck\` | type-checks \`src\` and \`test\` |
| \`npm run build\` | compiles \`src\` to \`dist\` |
| \`npm start\` | serves \`dist/app.js\` (\`npm start -- --workers 4\` for one process per core) |
`;
}
