/** What the e2e tests read from an answer: status, headers (lower-case) and the parsed body. */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One request over the real socket, with a JSON body, a form body and/or a bearer token. */
export async function call(
  base: string,
  method: string,
  path: string,
  init: { json?: unknown; form?: Record<string, string>; token?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** Polls `check` until it returns something other than undefined (or fails after `ms`). */
export async function until<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A mailer that records what it is given; after `hold()`, each `send` waits until the
 * returned function is called (to catch a background task in the middle of its work).
 */
export function recordingMailer() {
  const sent: { orderId: number; recipient: string; subject: string; body: string }[] = [];
  let gate: Promise<void> = Promise.resolve();
  return {
    sent,
    hold(): () => void {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
    mailer: {
      async send(confirmation: { orderId: number; recipient: string; subject: string; body: string }) {
        await gate;
        sent.push(confirmation);
      },
    },
  };
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
