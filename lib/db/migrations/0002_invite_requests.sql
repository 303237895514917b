CREATE TABLE "arthur_invite_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text DEFAULT 'arthur' NOT NULL,
	"email" text NOT NULL,
	"role_id" text NOT NULL,
	"role_name" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"request_item_id" uuid NOT NULL,
	CONSTRAINT "arthur_invite_ledger_request_item_id_unique" UNIQUE("request_item_id")
);
--> statement-breakpoint
CREATE TABLE "invite_request_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"email" text NOT NULL,
	"provider" text NOT NULL,
	"role_id" text NOT NULL,
	"role_name" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"skip_reason" text,
	"provider_invite_id" text,
	"error_status" integer,
	"error_message" text,
	"maybe_sent" boolean DEFAULT false NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_expires_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invite_request_items_request_email_provider_key" UNIQUE("request_id","email","provider"),
	CONSTRAINT "invite_request_items_state_check" CHECK ("invite_request_items"."state" in ('queued', 'sending', 'sent', 'skipped', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "invite_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_id" uuid NOT NULL,
	"requester_email" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_by_email" text,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invite_requests_status_check" CHECK ("invite_requests"."status" in ('pending', 'approved', 'rejected', 'cancelled', 'expired'))
);
--> statement-breakpoint
ALTER TABLE "arthur_invite_ledger" ADD CONSTRAINT "arthur_invite_ledger_request_item_id_invite_request_items_id_fk" FOREIGN KEY ("request_item_id") REFERENCES "public"."invite_request_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_request_items" ADD CONSTRAINT "invite_request_items_request_id_invite_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."invite_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_requests" ADD CONSTRAINT "invite_requests_requester_id_operators_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_requests" ADD CONSTRAINT "invite_requests_decided_by_operators_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arthur_invite_ledger_email_idx" ON "arthur_invite_ledger" USING btree ("provider","email");--> statement-breakpoint
CREATE INDEX "invite_request_items_provider_invite_idx" ON "invite_request_items" USING btree ("provider","provider_invite_id");--> statement-breakpoint
CREATE INDEX "invite_requests_status_idx" ON "invite_requests" USING btree ("status","created_at");