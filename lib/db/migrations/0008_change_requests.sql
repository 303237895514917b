ALTER TABLE "invite_requests" ADD COLUMN "kind" text DEFAULT 'invite' NOT NULL;--> statement-breakpoint
ALTER TABLE "invite_requests" ADD COLUMN "change" jsonb;--> statement-breakpoint
ALTER TABLE "invite_requests" ADD COLUMN "change_state" text;--> statement-breakpoint
ALTER TABLE "invite_requests" ADD COLUMN "change_result" jsonb;--> statement-breakpoint
ALTER TABLE "invite_requests" ADD CONSTRAINT "invite_requests_kind_check" CHECK ("invite_requests"."kind" in ('invite', 'arthur_user', 'admin_role', 'service_account'));--> statement-breakpoint
ALTER TABLE "invite_requests" ADD CONSTRAINT "invite_requests_change_state_check" CHECK ("invite_requests"."change_state" in ('queued', 'performing', 'done', 'failed'));