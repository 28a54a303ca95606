/*
 * The site's table of contents. To add a page: write docs/<section>/<topic>.md whose code
 * blocks are all includes of tested files under docs_src/<section>/<topic>/, then add it to
 * its section here. A test checks that every page is listed here and every entry has a page.
 */

/** One entry of the sidebar: a page (`link`, without `.md`) or a group of pages. */
export interface SidebarEntry {
  readonly text: string;
  readonly link?: string;
  readonly items?: readonly SidebarEntry[];
  readonly collapsed?: boolean;
}

export const tutorial: readonly SidebarEntry[] = [
  { text: 'First steps', link: '/tutorial/first-steps' },
  { text: 'Use Trellis in your project', link: '/tutorial/your-project' },
  { text: 'Path parameters', link: '/tutorial/path-params' },
  { text: 'Query parameters', link: '/tutorial/query-params' },
  { text: 'Request body and DTOs', link: '/tutorial/body' },
  { text: 'Validation errors', link: '/tutorial/validation-errors' },
  { text: 'Headers and cookies', link: '/tutorial/headers-cookies' },
  { text: 'Unions', link: '/tutorial/unions' },
  { text: 'Dependencies', link: '/tutorial/dependencies' },
  { text: 'Dependencies with yield', link: '/tutorial/dependencies-with-yield' },
  { text: 'Security', link: '/tutorial/security' },
  { text: 'Response models', link: '/tutorial/response-model' },
  { text: 'Status codes, headers and cookies', link: '/tutorial/status-codes' },
  { text: 'Errors and exception handlers', link: '/tutorial/handling-errors' },
  { text: 'Middleware', link: '/tutorial/middleware' },
  { text: 'Background tasks', link: '/tutorial/background-tasks' },
  { text: 'Forms and files', link: '/tutorial/forms-and-files' },
  { text: 'Testing', link: '/tutorial/testing' },
  { text: 'OpenAPI and the docs UI', link: '/tutorial/openapi' },
  { text: 'Bigger applications: routers', link: '/tutorial/bigger-applications' },
];

/*
 * Pages planned by the engineers who build those features (add yours where it fits, when
 * the feature and its tested example exist — never an empty page):
 *   (none left).
 */
export const advanced: readonly SidebarEntry[] = [
  { text: 'Streaming and server-sent events', link: '/advanced/streaming' },
  { text: 'WebSockets', link: '/advanced/websockets' },
  { text: 'Lifespan and shutdown', link: '/advanced/lifespan' },
  { text: 'HTTP/2', link: '/advanced/http2' },
  { text: 'CPU-bound work', link: '/advanced/cpu-bound-work' },
  { text: 'Response classes and encoding', link: '/advanced/custom-responses' },
  { text: 'Using the Request directly', link: '/advanced/request-object' },
  { text: 'Streaming a request body', link: '/advanced/request-stream' },
  { text: 'Durable background tasks (BullMQ)', link: '/advanced/durable-tasks' },
  { text: 'Settings from the environment', link: '/advanced/settings' },
  { text: 'Health and readiness', link: '/advanced/health' },
  { text: 'Behind a proxy', link: '/advanced/behind-a-proxy' },
  { text: 'Trusted hosts, HTTPS, compression', link: '/advanced/hosts-and-compression' },
  { text: 'Rate limits', link: '/advanced/rate-limits' },
  { text: 'Telemetry (OpenTelemetry)', link: '/advanced/telemetry' },
  { text: 'Static files and a front-end', link: '/advanced/static-files' },
  { text: 'Deployment and scaling', link: '/advanced/deployment' },
];

export const migrating: readonly SidebarEntry[] = [
  { text: 'From FastAPI', link: '/migrating/fastapi' },
  { text: 'Differences from FastAPI', link: '/migrating/fastapi-differences' },
  { text: 'From NestJS', link: '/migrating/nestjs' },
];

export const project: readonly SidebarEntry[] = [
  { text: 'The example app', link: '/project/example-app' },
  { text: 'Reliability', link: '/project/reliability' },
  { text: 'Benchmark', link: '/project/benchmark' },
  { text: 'Development', link: '/project/development' },
];

/** The hand-written part of the sidebar, shown on every page except the API reference. */
export const guide: readonly SidebarEntry[] = [
  { text: 'Tutorial', items: tutorial },
  { text: 'Advanced', items: advanced },
  { text: 'Migrating', items: migrating },
  { text: 'Error codes', link: '/errors' },
  { text: 'Project', items: project },
];

/** Every page link of a sidebar, depth first. */
export function sidebarLinks(entries: readonly SidebarEntry[]): string[] {
  return entries.flatMap((entry) => [...(entry.link ? [entry.link] : []), ...sidebarLinks(entry.items ?? [])]);
}
