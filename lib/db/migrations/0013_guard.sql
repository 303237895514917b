CREATE TABLE "mass_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"operator_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"memberships" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invite_requests" DROP CONSTRAINT "invite_requests_kind_check";--> statement-breakpoint
CREATE INDEX "mass_changes_operator_at_idx" ON "mass_changes" USING btree ("operator_id","at");--> statement-breakpoint
ALTER TABLE "invite_requests" ADD CONSTRAINT "invite_requests_kind_check" CHECK ("invite_requests"."kind" in ('invite', 'arthur_user', 'admin_role', 'service_account', 'mass_change'));