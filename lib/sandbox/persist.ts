import fs from "node:fs";
import path from "node:path";
import { log } from "../log";
import type { SandboxDefinition } from "./server";

/**
 * Keeps a sandbox's state in a JSON file across restarts, so a demo that removed someone
 * still has them removed after a restart, as the snapshot Roster stored says. Written
 * (to a temporary file, then renamed) a short while after each change, and at once when
 * the process exits; read back at start. A file written for another seed size, or one
 * that cannot be read, is set aside and the sandbox starts from its seed.
 */

const VERSION = 1;
const DEBOUNCE_MS = 200;

interface SavedFile {
  version: number;
  provider: string;
  /** The seed size it grew from (ROSTER_SANDBOX_USERS). */
  users: number;
  savedAt: string;
  state: unknown;
}

export interface StatePersister {
  /** True when a saved state was loaded. */
  loaded: boolean;
  /** A change was made: save soon. */
  changed(): void;
  /** Saves now if anything changed, and stops. */
  close(): void;
}

/** Where Roster keeps its sandboxes' state: beside its data directory, never inside PGlite's own. */
export function sandboxStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return `${path.resolve(/*turbopackIgnore: true*/ env.ROSTER_DATA_DIR?.trim() || ".data/pglite")}-sandboxes`;
}

function load(definition: SandboxDefinition, file: string, users: number): boolean {
  if (!fs.existsSync(file)) return false;
  try {
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as SavedFile;
    if (saved.version !== VERSION || saved.provider !== definition.provider || saved.users !== users) {
      throw new Error(`written for ${saved.provider} with ${saved.users} seed users (version ${saved.version})`);
    }
    definition.loadState!(saved.state);
    return true;
  } catch (error) {
    definition.reset();
    const aside = `${file}.unreadable-${Date.now()}`;
    fs.renameSync(file, aside);
    log.warn(
      { err: error, provider: definition.provider },
      `${definition.provider} sandbox: saved state not used (kept as ${aside}); starting from the seed`,
    );
    return false;
  }
}

export function persistState(definition: SandboxDefinition, file: string, users: number): StatePersister {
  if (!definition.saveState || !definition.loadState) return { loaded: false, changed() {}, close() {} };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const loaded = load(definition, file, users);
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;

  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const body: SavedFile = {
      version: VERSION,
      provider: definition.provider,
      users,
      savedAt: new Date().toISOString(),
      state: definition.saveState!(),
    };
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, JSON.stringify(body));
      fs.renameSync(temporary, file);
    } catch (error) {
      log.error({ err: error, provider: definition.provider }, `${definition.provider} sandbox: could not save its state to ${file}`);
    }
  };
  process.on("exit", save);

  return {
    loaded,
    changed() {
      dirty = true;
      timer ??= setTimeout(save, DEBOUNCE_MS);
      timer.unref();
    },
    close() {
      save();
      process.off("exit", save);
    },
  };
}
