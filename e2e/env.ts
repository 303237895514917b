/** Where the e2e app and its sandboxes listen (away from the demo's defaults). */
const port = Number(process.env.ROSTER_E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.ROSTER_E2E_SANDBOX_PORT ?? 4110);

export const E2E = {
  port,
  sandboxPort,
  baseUrl: `http://localhost:${port}`,
  sandbox: {
    openai: `http://127.0.0.1:${sandboxPort}`,
    astronomer: `http://127.0.0.1:${sandboxPort + 1}`,
    arthur: `http://127.0.0.1:${sandboxPort + 2}`,
  },
  password: "roster-demo",
  operators: {
    owner: "owner@roster.demo",
    admin: "admin@roster.demo",
    requester: "requester@roster.demo",
    viewer: "viewer@roster.demo",
  },
} as const;

export type DemoRole = keyof typeof E2E.operators;

export { default as CANARIES } from "./canaries.json";
