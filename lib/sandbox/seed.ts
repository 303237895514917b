/**
 * Deterministic people for the sandboxes. Every provider draws its members from one
 * shared pool, with offset windows that overlap, so the same person appears on two or
 * three providers, exactly as in a real company.
 */

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Katherine",
  "Linus",
  "Margaret",
  "Dennis",
  "Barbara",
  "Ken",
  "Frances",
  "Edsger",
  "Radia",
  "Tim",
  "Hedy",
  "John",
  "Shafi",
  "Donald",
  "Sophie",
  "Guido",
  "Anita",
  "Bjarne",
  "Jean",
  "Niklaus",
  "Karen",
  "Leslie",
  "Mary",
  "Vint",
  "Lynn",
  "Ward",
  "Adele",
  "Yukihiro",
  "Carol",
  "James",
  "Evelyn",
  "Ivan",
  "Joan",
  "Rasmus",
  "Hal",
  "Lin",
  "Priya",
  "Amara",
  "Kwame",
  "Mateo",
  "Ingrid",
  "Tomás",
  "Aiko",
  "Nikolai",
  "Fatima",
  "Omar",
  "Zoe",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Johnson",
  "Torvalds",
  "Hamilton",
  "Ritchie",
  "Liskov",
  "Thompson",
  "Allen",
  "Dijkstra",
  "Perlman",
  "Berners-Lee",
  "Lamarr",
  "McCarthy",
  "Goldwasser",
  "Knuth",
  "Wilson",
  "van Rossum",
  "Borg",
  "Stroustrup",
  "Sammet",
  "Wirth",
  "Spärck Jones",
  "Lamport",
  "Keller",
  "Cerf",
  "Conway",
  "Cunningham",
  "Goldberg",
  "Matsumoto",
  "Shaw",
  "Gosling",
  "Berezin",
  "Sutherland",
  "Clarke",
  "Lerdorf",
  "Abelson",
  "Chen",
  "Raman",
  "Okafor",
  "Mensah",
  "García",
  "Larsen",
  "Silva",
  "Tanaka",
  "Petrov",
  "Haddad",
  "Farouk",
  "Nguyen",
];

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic id-ish string from a number. */
export function hashHex(input: string, length = 12): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
  let out = hex;
  let salt = 1;
  while (out.length < length) out += hashHex(`${input}#${salt++}`, 16);
  return out.slice(0, length);
}

/** A deterministic RFC 4122-shaped UUID (version 4 layout) from a string. */
export function uuidFrom(input: string): string {
  const h = hashHex(input, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface SeedPerson {
  /** Index in the shared pool. */
  index: number;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  /** Account creation time (ISO), spread over the last three years. */
  createdAt: string;
  /** A second random number per person, for providers to derive roles and flags from. */
  roll: number;
}

const EPOCH = Date.UTC(2026, 9, 1); // 2026-10-01, a fixed "now" so seeds never move

/** The named people at the start of the pool: on every provider, with fixed roles. */
export const FOUNDERS = 4;

export function poolPerson(index: number): SeedPerson {
  const rand = prng(index * 7919 + 17);
  const first = FIRST[Math.floor(rand() * FIRST.length)];
  const last = LAST[Math.floor(rand() * LAST.length)];
  const emailLocal = `${first}.${last}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z.]/g, "");
  const createdAt = new Date(EPOCH - Math.floor(rand() * 3 * 365) * 86_400_000 - Math.floor(rand() * 86_400_000));
  return {
    index,
    firstName: first,
    lastName: last,
    name: `${first} ${last}`,
    email: `${emailLocal}${index < FOUNDERS ? "" : `.${index}`}@example.com`,
    createdAt: createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    roll: rand(),
  };
}

/**
 * The people of one provider: `count` people from the pool, starting at `offset`,
 * plus the founders (pool 0..FOUNDERS-1), who are everywhere. Providers use offsets
 * 0, 0.3×count and 0.6×count, so about 40% of people are on all three.
 */
export function providerPeople(count: number, offsetFraction: number): SeedPerson[] {
  const people: SeedPerson[] = [];
  const start = FOUNDERS + Math.floor(count * offsetFraction);
  for (let i = 0; i < Math.min(FOUNDERS, count); i++) people.push(poolPerson(i));
  for (let i = 0; people.length < count; i++) people.push(poolPerson(start + i));
  return people;
}

export const DEFAULT_SANDBOX_USERS = 240;
export const MAX_SANDBOX_USERS = 50_000;

export function sandboxUserCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ROSTER_SANDBOX_USERS;
  if (!raw) return DEFAULT_SANDBOX_USERS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < FOUNDERS || n > MAX_SANDBOX_USERS) {
    throw new Error(`ROSTER_SANDBOX_USERS must be a whole number from ${FOUNDERS} to ${MAX_SANDBOX_USERS}, got "${raw}"`);
  }
  return n;
}
