import type { Pool } from "pg";

export declare function withoutConnectionString(text: unknown): string;
export declare const MIGRATION_LOCK: number;
export declare function migratePostgres(pool: Pool, migrationsFolder: string): Promise<void>;
