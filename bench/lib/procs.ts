import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Child processes of the benchmark. Each runs in a process group of its own (so `tsx` and
 * `next start` go with their children), logs to a file, and is stopped when the benchmark
 * exits, fails or is interrupted.
 */

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const LOG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "roster-bench-logs-"));

export interface Proc {
  name: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

const running = new Set<Proc>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** A child started elsewhere (e2e/system/launcher.ts) that the benchmark stops with the others. */
export function adoptProc(name: string, child: ChildProcess, logFile: string, stop: () => Promise<void>): Proc {
  const proc: Proc = {
    name,
    child,
    logFile,
    async stop() {
      running.delete(proc);
      await stop();
    },
  };
  running.add(proc);
  return proc;
}

export function startProc(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const out = fs.openSync(logFile, "a");
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return adoptProc(name, child, logFile, async () => {
    signalGroup(child, "SIGTERM");
    const killer = setTimeout(() => signalGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
    // Whatever the group leader left behind.
    signalGroup(child, "SIGKILL");
  });
}

/** The tail of a child's log, for an error message. */
export function tail(proc: Proc, lines = 15): string {
  const text = fs.existsSync(proc.logFile) ? fs.readFileSync(proc.logFile, "utf8") : "";
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

function stopNowAndExit(code: number) {
  for (const p of running) signalGroup(p.child, "SIGKILL");
  process.exit(code);
}
process.once("SIGINT", () => stopNowAndExit(130));
process.once("SIGTERM", () => stopNowAndExit(143));
process.once("exit", () => {
  for (const p of running) signalGroup(p.child, "SIGKILL");
});

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; fails naming `what` and the process's last log lines. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, proc?: Proc): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null)
      throw new Error(`${proc.name} exited (code ${proc.child.exitCode}) before ${what}:\n${tail(proc)}`);
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${proc ? `:\n${tail(proc)}` : ""}`);
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await res.arrayBuffer();
  return res.ok;
}

function childrenOf(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  return kids;
}

function descendants(pid: number): number[] {
  const kids = childrenOf();
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const k of kids.get(p) ?? []) walk(k);
  };
  walk(pid);
  return out;
}

function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== "0A") continue;
      if (parseInt(cols[1].split(":")[1], 16) === port) inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** The process (the child or one of its descendants) that listens on `port`. */
export function listeningPid(proc: Proc, port: number): number {
  const inodes = listeningInodes(port);
  for (const pid of descendants(proc.child.pid!)) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode && inodes.has(inode)) return pid;
      }
    } catch {
      /* gone or not ours */
    }
  }
  throw new Error(`no process of ${proc.name} listens on port ${port}`);
}

/** Resident memory of a process in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}
