CREATE TABLE "directory_patches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"revision" bigint NOT NULL,
	"member_id" text NOT NULL,
	"member" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_snapshots" (
	"provider" text PRIMARY KEY NOT NULL,
	"revision" bigint NOT NULL,
	"sync_revision" bigint NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"member_count" integer NOT NULL,
	"members" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "directory_patches_provider_revision_idx" ON "directory_patches" USING btree ("provider","revision");--> statement-breakpoint
CREATE INDEX "sign_in_failures_key_at_idx" ON "sign_in_failures" USING btree ("key","at");