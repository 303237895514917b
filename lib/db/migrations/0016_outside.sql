CREATE TABLE "member_usage" (
	"provider" text NOT NULL,
	"member_id" text NOT NULL,
	"requests" integer NOT NULL,
	"last_active_at" timestamp with time zone NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_usage_provider_member_id_pk" PRIMARY KEY("provider","member_id")
);
--> statement-breakpoint
CREATE TABLE "outside_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"target_id" text,
	"email" text,
	"role" text,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_email" text,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outside_changes_event_unique" UNIQUE("provider","event_id")
);
--> statement-breakpoint
CREATE TABLE "provider_reads" (
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"read_until" timestamp with time zone,
	"last_read_at" timestamp with time zone,
	"last_error" jsonb,
	CONSTRAINT "provider_reads_provider_kind_pk" PRIMARY KEY("provider","kind")
);
--> statement-breakpoint
CREATE INDEX "outside_changes_at_idx" ON "outside_changes" USING btree ("at");--> statement-breakpoint
CREATE INDEX "outside_changes_email_idx" ON "outside_changes" USING btree ("email");--> statement-breakpoint
CREATE INDEX "outside_changes_target_idx" ON "outside_changes" USING btree ("provider","target_id");