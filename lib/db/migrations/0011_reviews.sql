CREATE TABLE "access_review_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"member_id" text NOT NULL,
	"email" text,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"role_id" text NOT NULL,
	"admin_level" boolean DEFAULT false NOT NULL,
	"scoped_roles" jsonb,
	"added_at" text,
	"managed" boolean DEFAULT false NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"reviewer_email" text NOT NULL,
	"decision" text,
	"new_role" text,
	"reason" text,
	"decided_by_email" text,
	"decided_at" timestamp with time zone,
	"outcome" text,
	"outcome_detail" text,
	"audit_id" bigint,
	"change_request_id" uuid,
	"remediated_at" timestamp with time zone,
	CONSTRAINT "access_review_items_decision_check" CHECK ("access_review_items"."decision" is null or "access_review_items"."decision" in ('keep', 'remove', 'change_role')),
	CONSTRAINT "access_review_items_outcome_check" CHECK ("access_review_items"."outcome" is null or "access_review_items"."outcome" in ('done', 'skipped', 'failed', 'waiting'))
);
--> statement-breakpoint
CREATE TABLE "access_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"scope" jsonb NOT NULL,
	"reviewers" jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"repeat_every_days" integer,
	"previous_id" uuid,
	"item_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_by_email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_email" text,
	"remediation_audit_id" bigint,
	CONSTRAINT "access_reviews_status_check" CHECK ("access_reviews"."status" in ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "access_review_items" ADD CONSTRAINT "access_review_items_campaign_id_access_reviews_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."access_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_review_items_campaign_idx" ON "access_review_items" USING btree ("campaign_id","id");--> statement-breakpoint
CREATE INDEX "access_review_items_reviewer_idx" ON "access_review_items" USING btree ("campaign_id","reviewer_id","id");--> statement-breakpoint
CREATE INDEX "access_reviews_created_idx" ON "access_reviews" USING btree ("created_at");