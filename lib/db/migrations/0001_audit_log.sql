CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"attempt_id" bigint,
	"actor_id" uuid,
	"actor_email" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"provider" text,
	"target_id" text,
	"target_email" text,
	"before" jsonb,
	"after" jsonb,
	"outcome" text NOT NULL,
	"provider_status" integer,
	"provider_message" text,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_hash_unique" UNIQUE("hash"),
	CONSTRAINT "audit_events_kind_check" CHECK ("audit_events"."kind" in ('attempt', 'result')),
	CONSTRAINT "audit_events_outcome_check" CHECK ("audit_events"."outcome" in ('pending', 'success', 'failure', 'refused'))
);
--> statement-breakpoint
CREATE INDEX "audit_events_attempt_idx" ON "audit_events" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
-- Append-only: the database itself refuses to change or delete an audit row.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
